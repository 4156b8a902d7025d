using System.Numerics;
using System.Runtime.InteropServices;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>The packed GEMM called from generic kernels: dispatches on T (float32 or float64) without copies.</summary>
internal static class GemmOf
{
    /// <summary>C = op(A) op(B) + beta C on spans of T; see <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(transA, transB, m, n, k, 1f, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc);
        }
        else if (typeof(T) == typeof(double))
        {
            Gemm.Multiply(transA, transB, m, n, k, 1d, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc);
        }
        else
        {
            throw new NotSupportedException($"gemm: element type {typeof(T).Name} is not float32 or float64");
        }
    }
}
