using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace DlPath.Tensors.Kernels.Cpu;

/// <summary>
/// GEMM without packing, for products too small (or too thin) for packing and blocking to pay off:
/// each row of C is built from whole rows of op(B) (axpy) or as dot products with rows of B (when B is
/// transposed), both vectorised by <see cref="TensorPrimitives"/>.
/// </summary>
internal static unsafe class GemmSmall
{
    [ThreadStatic]
    private static float[]? t_rowF;

    [ThreadStatic]
    private static double[]? t_rowD;

    /// <summary>Computes rows [r0, r1) of C for one batch entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(in GemmArgs<T> g, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.N, k = g.K;
        Span<T> aRowScratch = g.TransA ? Scratch<T>(k) : default;
        for (int i = r0; i < r1; i++)
        {
            // a = op(A)[i, :] (k). With A transposed it is a column of the stored A: gather it once.
            ReadOnlySpan<T> aRow;
            if (g.TransA)
            {
                T* src = g.A + i;
                for (int p = 0; p < k; p++)
                {
                    aRowScratch[p] = src[(nint)p * g.Lda];
                }

                aRow = aRowScratch;
            }
            else
            {
                aRow = new ReadOnlySpan<T>(g.A + (nint)i * g.Lda, k);
            }

            var cRow = new Span<T>(g.C + (nint)i * g.Ldc, n);
            if (g.TransB)
            {
                // C[i, j] = alpha * (a . B[j, :]) + beta * C[i, j]; B's rows are contiguous along k.
                for (int j = 0; j < n; j++)
                {
                    T dot = TensorPrimitives.Dot(aRow, new ReadOnlySpan<T>(g.B + (nint)j * g.Ldb, k));
                    cRow[j] = g.Beta == T.Zero ? g.Alpha * dot : g.Alpha * dot + g.Beta * cRow[j];
                }
            }
            else
            {
                // C[i, :] = beta * C[i, :] + sum_p (alpha * a[p]) * B[p, :].
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
    }

    private static Span<T> Scratch<T>(int length)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            if (t_rowF is null || t_rowF.Length < length)
            {
                t_rowF = new float[Math.Max(length, 256)];
            }

            return System.Runtime.InteropServices.MemoryMarshal.Cast<float, T>(t_rowF.AsSpan(0, length));
        }

        if (t_rowD is null || t_rowD.Length < length)
        {
            t_rowD = new double[Math.Max(length, 256)];
        }

        return System.Runtime.InteropServices.MemoryMarshal.Cast<double, T>(t_rowD.AsSpan(0, length));
    }
}
