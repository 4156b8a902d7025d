using BenchmarkDotNet.Attributes;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of FP32 GEMM: the fast kernel through the public API, on both
/// instruction sets, on one and on all threads, and with both operands transposed.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>Square size n of the n x n x n product.</summary>
    [Params(64, 128, 256, 1024)]
    public int N { get; set; }

    /// <summary>Allocates random operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Enumerable.Range(0, N * N).Select(_ => rng.NextSingle()).ToArray();
        _b = Enumerable.Range(0, N * N).Select(_ => rng.NextSingle()).ToArray();
        _c = new float[N * N];
    }

    /// <summary>Public API: best kernel, all cores.</summary>
    [Benchmark(Baseline = true)]
    public void Fast() => Gemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);

    /// <summary>Vector512 kernel on one thread.</summary>
    [Benchmark]
    public void Vector512OneThread() => Run(GemmIsa.Vector512, 1, false, false);

    /// <summary>Vector256 (AVX2) kernel, all cores.</summary>
    [Benchmark]
    public void Vector256() => Run(GemmIsa.Vector256, Environment.ProcessorCount, false, false);

    /// <summary>Both operands transposed: packing absorbs it.</summary>
    [Benchmark]
    public void TransposedBoth() => Run(GemmIsa.Auto, Environment.ProcessorCount, true, true);

    private void Run(GemmIsa isa, int threads, bool ta, bool tb) =>
        Gemm.Run(isa, threads, 1, ta, tb, N, N, N, 1f, _a, N, 0, _b, N, 0, 0f, _c, N, 0);
}
