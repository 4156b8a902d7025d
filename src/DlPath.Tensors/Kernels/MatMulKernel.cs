using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Batched matrix products for <see cref="Tensor.MatMul"/>: broadcasts batch dims and hands the whole batch
/// to <see cref="Gemm"/>. Transposed views (e.g. <c>w.T</c> in a backward pass) are passed as GEMM's
/// transpose flags instead of being copied; broadcast batches use a batch stride of 0.
/// </summary>
internal static class MatMulKernel
{
    // a: (..., m, k), b: (..., k, n) -> (batch..., m, n)
    public static Tensor Compute(Tensor a, Tensor b, int[] batch, int m, int k, int n)
    {
        int[] outShape = [.. batch, m, n];
        var ae = a.Expand([.. batch, m, k]);
        var be = b.Expand([.. batch, k, n]);
        int count = ShapeUtil.Numel(batch);
        return a.DType switch
        {
            DType.Float32 => RunFloat(ae, be, outShape, count, m, k, n),
            DType.Float64 => RunDouble(ae, be, outShape, count, m, k, n),
            _ => RunInteger(ae.Contiguous(), be.Contiguous(), outShape, count, m, k, n),
        };
    }

    private static Tensor RunFloat(Tensor a, Tensor b, int[] outShape, int count, int m, int k, int n)
    {
        var (la, lb) = (Layout(ref a), Layout(ref b));
        var result = Tensor.Uninitialized<float>(outShape);
        if (count == 0 || m == 0 || n == 0) return result;
        Gemm.MultiplyBatched(
            count, la.Transposed, lb.Transposed, m, n, k, 1f,
            a.Data<float>().AsSpan(a.StorageOffset), la.Ld, la.BatchStride,
            b.Data<float>().AsSpan(b.StorageOffset), lb.Ld, lb.BatchStride,
            0f, result.Data<float>(), n, m * n);
        return result;
    }

    private static Tensor RunDouble(Tensor a, Tensor b, int[] outShape, int count, int m, int k, int n)
    {
        var (la, lb) = (Layout(ref a), Layout(ref b));
        var result = Tensor.Uninitialized<double>(outShape);
        if (count == 0 || m == 0 || n == 0) return result;
        Gemm.MultiplyBatched(
            count, la.Transposed, lb.Transposed, m, n, k, 1.0,
            a.Data<double>().AsSpan(a.StorageOffset), la.Ld, la.BatchStride,
            b.Data<double>().AsSpan(b.StorageOffset), lb.Ld, lb.BatchStride,
            0.0, result.Data<double>(), n, m * n);
        return result;
    }

    /// <summary>How GEMM should read a (batch..., rows, cols) operand in place.</summary>
    private readonly record struct MatrixLayout(bool Transposed, int Ld, int BatchStride);

    /// <summary>
    /// Reads the operand's strides as GEMM arguments: row-major (unit column stride) or column-major (a
    /// transposed view, unit row stride) matrices, with the batch dims collapsing to one stride. Any other
    /// layout is copied to contiguous first, which always fits.
    /// </summary>
    private static MatrixLayout Layout(ref Tensor t)
    {
        if (TryLayout(t, out var layout)) return layout;
        t = t.Contiguous();
        return TryLayout(t, out layout) ? layout : throw new InvalidOperationException("matmul: a contiguous operand must have a GEMM layout");
    }

    private static bool TryLayout(Tensor t, out MatrixLayout layout)
    {
        layout = default;
        var shape = t.Shape;
        var strides = t.Strides;
        int r = t.Rank;
        int rows = shape[r - 2], cols = shape[r - 1];
        int sr = strides[r - 2], sc = strides[r - 1];
        bool transposed;
        int ld;
        if ((sc == 1 || cols <= 1) && sr >= Math.Max(cols, 1))
        {
            (transposed, ld) = (false, sr);
        }
        else if ((sr == 1 || rows <= 1) && sc >= Math.Max(rows, 1))
        {
            (transposed, ld) = (true, sc);
        }
        else if (rows <= 1 && cols <= 1)
        {
            (transposed, ld) = (false, 1);
        }
        else
        {
            return false;
        }

        // Batch dims must collapse to one stride (0 when the whole batch is a broadcast of one matrix).
        int batchStride = 0;
        int expected = -1;
        for (int d = r - 3; d >= 0; d--)
        {
            if (shape[d] == 1) continue;
            if (expected < 0)
            {
                batchStride = strides[d];
                expected = strides[d] * shape[d];
            }
            else if (strides[d] == expected || (batchStride == 0 && strides[d] == 0))
            {
                expected = strides[d] * shape[d];
            }
            else
            {
                return false;
            }
        }

        layout = new MatrixLayout(transposed, ld, batchStride);
        return true;
    }

    /// <summary>
    /// int64 products (no BLAS for integers): row i of C accumulates A[i,p] * (row p of B), a vectorised axpy
    /// that reads B row by row.
    /// </summary>
    private static Tensor RunInteger(Tensor a, Tensor b, int[] outShape, int count, int m, int k, int n)
    {
        var result = Tensor.Empty<long>(outShape);
        var ad = a.Data<long>().AsSpan(a.StorageOffset, a.Numel);
        var bd = b.Data<long>().AsSpan(b.StorageOffset, b.Numel);
        var cd = result.Data<long>().AsSpan();
        for (int t = 0; t < count; t++)
        {
            RowTimesMatrix<long>(ad.Slice(t * m * k, m * k), bd.Slice(t * k * n, k * n), cd.Slice(t * m * n, m * n), m, k, n);
        }

        return result;
    }

    private static void RowTimesMatrix<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            row.Clear();
            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[(i * k) + p], row, row);
            }
        }
    }
}
