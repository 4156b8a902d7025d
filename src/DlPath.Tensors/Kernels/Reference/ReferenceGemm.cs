using System.Numerics;

// Public kernels share one namespace (DlPath.Tensors.Kernels); the folder says which twin this is.
namespace DlPath.Tensors.Kernels;

/// <summary>
/// The plain-loop twin of <see cref="Gemm"/>: the same arguments and the same results (up to rounding),
/// written as the textbook triple loop so it can be read line by line. Tests check the fast kernel against it.
/// </summary>
/// <remarks>
/// Row-major BLAS semantics: <c>C = alpha * op(A) * op(B) + beta * C</c>, where op(X) is X or its transpose.
/// op(A) is (m x k), op(B) is (k x n), C is (m x n). Element (i, j) of a row-major matrix with leading dimension
/// ld lives at <c>i * ld + j</c>; a transposed operand is read through swapped indices, never copied.
/// When beta is 0 the old contents of C are not read at all (so NaN or garbage in C does not leak through).
/// </remarks>
public static class ReferenceGemm
{
    /// <summary>C = alpha * op(A) * op(B) + beta * C in float32 (see the class remarks for the layout).</summary>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmChecks.Check("ReferenceGemm.Multiply", transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Core(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>C = alpha * op(A) * op(B) + beta * C in float64 (see the class remarks for the layout).</summary>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        GemmChecks.Check("ReferenceGemm.Multiply", transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        Core(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// Batched float32 GEMM: for each t in [0, batch), the matrices start at <c>t * strideA</c>,
    /// <c>t * strideB</c> and <c>t * strideC</c>. A stride of 0 reuses one matrix for the whole batch (broadcast).
    /// </summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC)
    {
        GemmChecks.CheckBatched("ReferenceGemm.MultiplyBatched", batch, transA, transB, m, n, k,
            a.Length, lda, strideA, b.Length, ldb, strideB, c.Length, ldc, strideC);
        for (int t = 0; t < batch; t++)
        {
            Core(transA, transB, m, n, k, alpha, a[(t * strideA)..], lda, b[(t * strideB)..], ldb, beta, c[(t * strideC)..], ldc);
        }
    }

    /// <summary>Batched float64 GEMM; see the float32 overload.</summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, int strideA, ReadOnlySpan<double> b, int ldb, int strideB,
        double beta, Span<double> c, int ldc, int strideC)
    {
        GemmChecks.CheckBatched("ReferenceGemm.MultiplyBatched", batch, transA, transB, m, n, k,
            a.Length, lda, strideA, b.Length, ldb, strideB, c.Length, ldc, strideC);
        for (int t = 0; t < batch; t++)
        {
            Core(transA, transB, m, n, k, alpha, a[(t * strideA)..], lda, b[(t * strideB)..], ldb, beta, c[(t * strideC)..], ldc);
        }
    }

    private static void Core<T>(
        bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc)
        where T : IFloatingPointIeee754<T>
    {
        // BLAS rule: with alpha == 0 (or k == 0) A and B are not read at all, so C = beta * C even if A or B
        // hold NaN or infinity.
        bool productVanishes = alpha == T.Zero || k == 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // sum = (op(A) row i) . (op(B) column j)
                T sum = T.Zero;
                for (int p = 0; p < k && !productVanishes; p++)
                {
                    T aip = transA ? a[p * lda + i] : a[i * lda + p]; // op(A)[i, p]
                    T bpj = transB ? b[j * ldb + p] : b[p * ldb + j]; // op(B)[p, j]
                    sum += aip * bpj;
                }

                // beta == 0 means "overwrite": C's old value is not read (BLAS semantics).
                ref T cij = ref c[i * ldc + j];
                T product = productVanishes ? T.Zero : alpha * sum;
                cij = beta == T.Zero ? product : product + beta * cij;
            }
        }
    }
}
