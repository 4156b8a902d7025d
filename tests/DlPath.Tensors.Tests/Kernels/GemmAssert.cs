using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.Kernels;

/// <summary>Comparison of a fast result with the reference, with a rounding bound per element.</summary>
internal static class GemmAssert
{
    /// <summary>
    /// Asserts |fast - reference| &lt;= tol(k) * (|alpha| |A| |B| + |beta| |C|) elementwise: the textbook bound on
    /// the rounding error of a dot product of length k, which any summation order satisfies.
    /// </summary>
    public static void Agree<T>(GemmTestData<T> d, T alpha, T beta, T[] fast)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (reference, bound) = d.Expected(alpha, beta);
        double eps = typeof(T) == typeof(float) ? 6e-8 : 1.2e-16;
        double tol = 4 * (d.K + 2) * eps;
        for (int i = 0; i < fast.Length; i++)
        {
            double f = double.CreateChecked(fast[i]), r = double.CreateChecked(reference[i]);
            double limit = tol * double.CreateChecked(bound[i]) + 1e-30;
            if (double.IsNaN(r) ? !double.IsNaN(f) : !(Math.Abs(f - r) <= limit))
            {
                Assert.Fail($"{d}: C[{i / d.StrideC}][{i % d.StrideC / d.Ldc}, {i % d.StrideC % d.Ldc}] fast {f} vs reference {r}, " +
                    $"allowed difference {limit:g3}");
            }
        }
    }

    /// <summary>The reference result and the elementwise error scale |alpha| |A| |B| + |beta| |C|.</summary>
    public static (T[] Reference, T[] Bound) ComputeExpected<T>(GemmTestData<T> d, T alpha, T beta)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var reference = (T[])d.C.Clone();
        RunReference(d, alpha, d.A, d.B, beta, reference);
        T[] bound = Abs(d.C);
        RunReference(d, T.Abs(alpha), Abs(d.A), Abs(d.B), T.Abs(beta), bound);
        return (reference, bound);
    }

    /// <summary>Runs the reference on the test data (batched), writing into <paramref name="c"/>.</summary>
    public static void RunReference<T>(GemmTestData<T> d, T alpha, T[] a, T[] b, T beta, T[] c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            ReferenceGemm.MultiplyBatched(d.Batch, d.TransA, d.TransB, d.M, d.N, d.K, float.CreateChecked(alpha),
                (float[])(object)a, d.Lda, d.StrideA, (float[])(object)b, d.Ldb, d.StrideB, float.CreateChecked(beta),
                (float[])(object)c, d.Ldc, d.StrideC);
        }
        else
        {
            ReferenceGemm.MultiplyBatched(d.Batch, d.TransA, d.TransB, d.M, d.N, d.K, double.CreateChecked(alpha),
                (double[])(object)a, d.Lda, d.StrideA, (double[])(object)b, d.Ldb, d.StrideB, double.CreateChecked(beta),
                (double[])(object)c, d.Ldc, d.StrideC);
        }
    }

    private static T[] Abs<T>(T[] x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = T.Abs(x[i]);
        }

        return y;
    }
}
