using System.Diagnostics;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Measures the float32 GEMM's throughput the way the reference script <c>numpy_gemm.py</c> does (best of
/// 20 repetitions up to n = 512, of 5 above, after warm-up), so figures can be compared side by side.
/// </summary>
public static class GemmThroughput
{
    /// <summary>Best-of-repetitions GFLOP/s of C (m x n) = op(A) op(B) with inner size k.</summary>
    public static double Measure(int m, int n, int k, bool transA = false, bool transB = false)
    {
        if (m <= 0 || n <= 0 || k <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"GemmThroughput: sizes must be positive, got m={m}, n={n}, k={k}");
        }

        var rng = new Random(42);
        float[] a = RandomArray(rng, m * k), b = RandomArray(rng, k * n), c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Call() => Gemm.Multiply(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);

        // Warm-up: tiered JIT, thread pool and pack buffers.
        for (int i = 0; i < 3; i++) Call();
        int reps = Math.Max(m, Math.Max(n, k)) <= 512 ? 20 : 5;
        double best = double.MaxValue;
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }

        return 2.0 * m * n * k / best / 1e9;
    }

    private static float[] RandomArray(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)rng.NextDouble();
        return values;
    }
}
