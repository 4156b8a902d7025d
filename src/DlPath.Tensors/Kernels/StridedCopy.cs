using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DlPath.Tensors.Kernels;

/// <summary>Gathers a strided view into a dense row-major buffer (the work behind <c>Contiguous()</c>).</summary>
internal static class StridedCopy
{
    /// <summary>Side of the square tiles a transposed copy moves at a time: two 32 × 32 tiles of float64 fit in L1.</summary>
    internal const int Tile = 32;

    /// <summary>Copies the elements of a view described by shape/strides/offset into <paramref name="dst"/>.</summary>
    public static void Gather<T>(T[] src, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dst)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            dst[0] = src[offset];
            return;
        }

        if (IsTransposed(shape, strides))
        {
            GatherTransposed(src, offset, shape, strides, dst);
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int n = dst.Length;
        if (n == 0) return;
        Span<int> index = stackalloc int[rank];
        int srcOff = offset;
        for (int row = 0, pos = 0; pos < n; row++, pos += inner)
        {
            var d = dst.Slice(pos, inner);
            if (innerStride == 1)
            {
                src.AsSpan(srcOff, inner).CopyTo(d);
            }
            else if (innerStride == 0)
            {
                d.Fill(src[srcOff]);
            }
            else
            {
                for (int i = 0, s = srcOff; i < inner; i++, s += innerStride) d[i] = src[s];
            }

            // Odometer over the outer dims: step the last outer index and carry.
            for (int dim = rank - 2; dim >= 0; dim--)
            {
                index[dim]++;
                srcOff += strides[dim];
                if (index[dim] < shape[dim]) break;
                srcOff -= strides[dim] * shape[dim];
                index[dim] = 0;
            }
        }
    }

    /// <summary>Writes a dense row-major buffer into a strided view (the inverse of <see cref="Gather{T}"/>).</summary>
    public static void Scatter<T>(ReadOnlySpan<T> src, T[] dst, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            dst[offset] = src[0];
            return;
        }

        if (IsTransposed(shape, strides))
        {
            ScatterTransposed(src, dst, offset, shape, strides);
            return;
        }

        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int n = src.Length;
        if (n == 0) return;
        Span<int> index = stackalloc int[rank];
        int dstOff = offset;
        for (int pos = 0; pos < n; pos += inner)
        {
            var s = src.Slice(pos, inner);
            if (innerStride == 1)
            {
                s.CopyTo(dst.AsSpan(dstOff, inner));
            }
            else
            {
                for (int i = 0, d = dstOff; i < inner; i++, d += innerStride) dst[d] = s[i];
            }

            for (int dim = rank - 2; dim >= 0; dim--)
            {
                index[dim]++;
                dstOff += strides[dim];
                if (index[dim] < shape[dim]) break;
                dstOff -= strides[dim] * shape[dim];
                index[dim] = 0;
            }
        }
    }

    /// <summary>
    /// True when the last two dims are a transposed matrix (unit stride down a column, a longer one along a row)
    /// big enough for tiles to pay: copying it row by row would read one element per cache line.
    /// </summary>
    internal static bool IsTransposed(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int rank = shape.Length;
        if (rank < 2) return false;
        int rows = shape[rank - 2], cols = shape[rank - 1];
        return rows >= 4 && cols >= 4 && strides[rank - 2] == 1 && strides[rank - 1] >= rows;
    }

    // dst: (outer..., rows, cols) dense; src element (r, c) of each matrix at base + r + c * colStride.
    private static void GatherTransposed<T>(T[] src, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dst)
    {
        int rank = shape.Length;
        int rows = shape[rank - 2], cols = shape[rank - 1], colStride = strides[rank - 1];
        int matrix = rows * cols;
        if (dst.Length == 0) return;
        Span<int> index = stackalloc int[Math.Max(rank - 2, 1)];
        int srcOff = offset;
        for (int pos = 0; pos < dst.Length; pos += matrix)
        {
            CheckMatrix(srcOff, rows, cols, colStride, src.Length);
            Transpose(ref src[srcOff], colStride, ref dst[pos], cols, cols, rows);
            srcOff = NextMatrix(index, shape, strides, srcOff);
        }
    }

    private static void ScatterTransposed<T>(ReadOnlySpan<T> src, T[] dst, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int rank = shape.Length;
        int rows = shape[rank - 2], cols = shape[rank - 1], colStride = strides[rank - 1];
        int matrix = rows * cols;
        if (src.Length == 0) return;
        Span<int> index = stackalloc int[Math.Max(rank - 2, 1)];
        int dstOff = offset;
        for (int pos = 0; pos < src.Length; pos += matrix)
        {
            CheckMatrix(dstOff, rows, cols, colStride, dst.Length);
            Transpose(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src.Slice(pos, matrix)), cols, ref dst[dstOff], colStride, rows, cols);
            dstOff = NextMatrix(index, shape, strides, dstOff);
        }
    }

    /// <summary>The tile loop reads and writes without bounds checks, so the whole strided matrix is checked once here.</summary>
    private static void CheckMatrix(int off, int rows, int cols, int colStride, int length)
    {
        if (off < 0 || off + (rows - 1) + ((long)(cols - 1) * colStride) >= length)
        {
            throw new InvalidOperationException($"strided copy: a ({rows},{cols}) view at offset {off} with strides (1,{colStride}) reaches past its storage of {length} elements");
        }
    }

    /// <summary>Odometer over the dims before the last two: the offset of the next matrix.</summary>
    private static int NextMatrix(Span<int> index, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int off)
    {
        for (int dim = shape.Length - 3; dim >= 0; dim--)
        {
            index[dim]++;
            off += strides[dim];
            if (index[dim] < shape[dim]) break;
            off -= strides[dim] * shape[dim];
            index[dim] = 0;
        }

        return off;
    }

    /// <summary>
    /// <c>dst[j * dstStride + i] = src[i * srcStride + j]</c> for an n1 × n2 source: a matrix transpose between two
    /// row-major layouts. It runs over square tiles so that the reads and the writes of a tile stay within a few dozen
    /// cache lines however far apart the rows are (a row-by-row copy with a 4 KiB stride misses L1 on every element),
    /// and float32 tiles move as 8 × 8 blocks transposed in AVX registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Transpose<T>(ref T src, int srcStride, ref T dst, int dstStride, int n1, int n2)
    {
        bool simd = typeof(T) == typeof(float) && Avx.IsSupported;
        for (int i0 = 0; i0 < n1; i0 += Tile)
        {
            int i1 = Math.Min(n1, i0 + Tile);
            for (int j0 = 0; j0 < n2; j0 += Tile)
            {
                int j1 = Math.Min(n2, j0 + Tile);
                int i = i0;
                if (simd)
                {
                    for (; i + 8 <= i1; i += 8)
                    {
                        int j = j0;
                        for (; j + 8 <= j1; j += 8)
                        {
                            // T is float here; the caller's arrays stay pinned for the block.
                            fixed (float* ps = &Unsafe.As<T, float>(ref Unsafe.Add(ref src, ((nint)i * srcStride) + j)))
                            fixed (float* pd = &Unsafe.As<T, float>(ref Unsafe.Add(ref dst, ((nint)j * dstStride) + i)))
                            {
                                Transpose8x8(ps, srcStride, pd, dstStride);
                            }
                        }

                        // The columns past the last full block of 8, for these 8 rows.
                        CopyTransposed(ref src, srcStride, ref dst, dstStride, i, i + 8, j, j1);
                    }
                }

                CopyTransposed(ref src, srcStride, ref dst, dstStride, i, i1, j0, j1);
            }
        }
    }

    /// <summary>The plain loop of <see cref="Transpose{T}"/> over rows [i0, i1) and columns [j0, j1) of the source.</summary>
    private static void CopyTransposed<T>(ref T src, int srcStride, ref T dst, int dstStride, int i0, int i1, int j0, int j1)
    {
        for (int i = i0; i < i1; i++)
        {
            ref T row = ref Unsafe.Add(ref src, (nint)i * srcStride);
            for (int j = j0; j < j1; j++)
            {
                Unsafe.Add(ref dst, ((nint)j * dstStride) + i) = Unsafe.Add(ref row, j);
            }
        }
    }

    /// <summary>
    /// Transposes one 8 × 8 float block: eight rows are loaded, interleaved in pairs (unpack), in fours (shuffle) and
    /// across the 128-bit halves (permute), and stored as eight columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* s, int ss, float* d, int ds)
    {
        var r0 = Avx.LoadVector256(s);
        var r1 = Avx.LoadVector256(s + ss);
        var r2 = Avx.LoadVector256(s + (2 * ss));
        var r3 = Avx.LoadVector256(s + (3 * ss));
        var r4 = Avx.LoadVector256(s + (4 * ss));
        var r5 = Avx.LoadVector256(s + (5 * ss));
        var r6 = Avx.LoadVector256(s + (6 * ss));
        var r7 = Avx.LoadVector256(s + (7 * ss));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ds, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + (2 * ds), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + (3 * ds), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + (4 * ds), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + (5 * ds), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + (6 * ds), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + (7 * ds), Avx.Permute2x128(u3, u7, 0x31));
    }
}
