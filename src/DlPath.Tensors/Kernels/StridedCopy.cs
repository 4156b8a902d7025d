using System.Runtime.CompilerServices;

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
            TransposeTiles(ref src[srcOff], 1, colStride, ref dst[pos], cols, 1, rows, cols);
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
            TransposeTiles(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src.Slice(pos, matrix)), cols, 1, ref dst[dstOff], 1, colStride, rows, cols);
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
    /// Copies a rows × cols matrix element (r, c) from <c>s[r * sRow + c * sCol]</c> to <c>d[r * dRow + c * dCol]</c>
    /// in square tiles, so that both the reads and the writes of a tile stay within a few dozen cache lines
    /// however far apart the rows are. Within a tile the loop runs along the unit-stride side of the source.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeTiles<T>(ref T s, int sRow, int sCol, ref T d, int dRow, int dCol, int rows, int cols)
    {
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(rows, r0 + Tile);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(cols, c0 + Tile);
                for (int c = c0; c < c1; c++)
                {
                    ref T sc = ref Unsafe.Add(ref s, (nint)c * sCol);
                    ref T dc = ref Unsafe.Add(ref d, (nint)c * dCol);
                    for (int r = r0; r < r1; r++)
                    {
                        Unsafe.Add(ref dc, (nint)r * dRow) = Unsafe.Add(ref sc, (nint)r * sRow);
                    }
                }
            }
        }
    }
}
