using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Batched matrix products for <see cref="Tensor.MatMul"/>: broadcasts batch dims, then runs one GEMM per
/// matrix pair on row-major data.
/// </summary>
internal static class MatMulKernel
{
    // a: (..., m, k), b: (..., k, n) -> (batch..., m, n)
    public static Tensor Compute(Tensor a, Tensor b, int[] batch, int m, int k, int n)
    {
        int[] outShape = [.. batch, m, n];
        var ae = a.Expand([.. batch, m, k]).Contiguous();
        var be = b.Expand([.. batch, k, n]).Contiguous();
        int count = ShapeUtil.Numel(batch);
        return a.DType switch
        {
            DType.Float32 => Run<float>(ae, be, outShape, count, m, k, n),
            DType.Float64 => Run<double>(ae, be, outShape, count, m, k, n),
            _ => Run<long>(ae, be, outShape, count, m, k, n),
        };
    }

    private static Tensor Run<T>(Tensor a, Tensor b, int[] outShape, int count, int m, int k, int n)
        where T : unmanaged, INumber<T>
    {
        var result = Tensor.Empty<T>(outShape);
        var ad = a.Data<T>().AsSpan(a.StorageOffset, a.Numel);
        var bd = b.Data<T>().AsSpan(b.StorageOffset, b.Numel);
        var cd = result.Data<T>().AsSpan();
        for (int i = 0; i < count; i++)
        {
            RowTimesMatrix<T>(ad.Slice(i * m * k, m * k), bd.Slice(i * k * n, k * n), cd.Slice(i * m * n, m * n), m, k, n);
        }

        return result;
    }

    /// <summary>
    /// C = A B one output row at a time: row i of C accumulates A[i,p] * (row p of B), a vectorised axpy.
    /// Reading B row by row keeps the access contiguous.
    /// </summary>
    private static void RowTimesMatrix<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            row.Clear();
            for (int p = 0; p < k; p++)
            {
                T s = a[(i * k) + p];
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), s, row, row);
            }
        }
    }
}
