using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// GEMM without packing, for products too small or too thin for packing and blocking to pay off (tiny
/// matrices, a single row of C, a single column of C: matrix-vector products). Each element or row of C is built
/// with <see cref="TensorPrimitives"/> dot products or multiply-adds over contiguous rows.
/// </summary>
internal static unsafe class GemmSmall
{
    [ThreadStatic]
    private static float[]? t_scratchF;

    [ThreadStatic]
    private static double[]? t_scratchD;

    /// <summary>Whether the unpacked path is the better one for this shape.</summary>
    /// <remarks>The packed path pads C to whole MR x NR tiles: with 1 or 2 rows or columns it would compute up
    /// to 32 times the useful work, and for tiny products the packing itself costs more than the arithmetic.</remarks>
    public static bool Suits(int m, int n, long work) => work <= Gemm.SmallWork || m <= 2 || n <= 2;

    /// <summary>Computes rows [r0, r1) of C for one batch entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(in GemmArgs<T> g, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.TransB || g.N <= 2)
        {
            DotForm(g, r0, r1);
        }
        else
        {
            AxpyForm(g, r0, r1);
        }
    }

    /// <summary>C[i, j] = alpha * (op(A) row i . op(B) column j) + beta * C[i, j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotForm<T>(in GemmArgs<T> g, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = g.K;
        Span<T> scratch = Scratch<T>(2 * k);
        Span<T> aScratch = scratch[..k], bScratch = scratch[k..];
        for (int j = 0; j < g.N; j++)
        {
            // op(B) column j: row j of the stored B when transposed, else a strided column, gathered once.
            ReadOnlySpan<T> bCol = g.TransB ? new ReadOnlySpan<T>(g.B + (nint)j * g.Ldb, k) : Gather(g.B + j, g.Ldb, bScratch);
            for (int i = r0; i < r1; i++)
            {
                ReadOnlySpan<T> aRow = g.TransA ? Gather(g.A + i, g.Lda, aScratch) : new ReadOnlySpan<T>(g.A + (nint)i * g.Lda, k);
                T dot = TensorPrimitives.Dot(aRow, bCol);
                ref T cij = ref g.C[(nint)i * g.Ldc + j];
                cij = g.Beta == T.Zero ? g.Alpha * dot : g.Alpha * dot + g.Beta * cij;
            }
        }
    }

    /// <summary>C[i, :] = beta * C[i, :] + sum_p (alpha * op(A)[i, p]) * B[p, :], B not transposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AxpyForm<T>(in GemmArgs<T> g, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.N, k = g.K;
        Span<T> aScratch = g.TransA ? Scratch<T>(k) : default;
        for (int i = r0; i < r1; i++)
        {
            ReadOnlySpan<T> aRow = g.TransA ? Gather(g.A + i, g.Lda, aScratch) : new ReadOnlySpan<T>(g.A + (nint)i * g.Lda, k);
            var cRow = new Span<T>(g.C + (nint)i * g.Ldc, n);
            if (g.Beta == T.Zero)
            {
                cRow.Clear();
            }
            else if (g.Beta != T.One)
            {
                TensorPrimitives.Multiply(cRow, g.Beta, cRow);
            }

            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<T>(g.B + (nint)p * g.Ldb, n), g.Alpha * aRow[p], cRow, cRow);
            }
        }
    }

    /// <summary>Copies src[0], src[ld], src[2 ld], ... into dst and returns it.</summary>
    private static ReadOnlySpan<T> Gather<T>(T* src, int ld, Span<T> dst)
        where T : unmanaged
    {
        for (int p = 0; p < dst.Length; p++)
        {
            dst[p] = src[(nint)p * ld];
        }

        return dst;
    }

    /// <summary>This thread's scratch of at least <paramref name="length"/> elements (reused: no garbage).</summary>
    private static Span<T> Scratch<T>(int length)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            if (t_scratchF is null || t_scratchF.Length < length)
            {
                t_scratchF = new float[Math.Max(length, 256)];
            }

            return MemoryMarshal.Cast<float, T>(t_scratchF.AsSpan(0, length));
        }

        if (t_scratchD is null || t_scratchD.Length < length)
        {
            t_scratchD = new double[Math.Max(length, 256)];
        }

        return MemoryMarshal.Cast<double, T>(t_scratchD.AsSpan(0, length));
    }
}
