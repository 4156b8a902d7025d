using BenchmarkDotNet.Attributes;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.Bench;

/// <summary>The plain reference loop against the fast kernel at a size the reference finishes quickly.</summary>
[MemoryDiagnoser]
public class GemmReferenceBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>Square size n of the n x n x n product.</summary>
    [Params(64)]
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

    /// <summary>The textbook triple loop.</summary>
    [Benchmark(Baseline = true)]
    public void Reference() => ReferenceGemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);

    /// <summary>The fast kernel.</summary>
    [Benchmark]
    public void Fast() => Gemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);
}
