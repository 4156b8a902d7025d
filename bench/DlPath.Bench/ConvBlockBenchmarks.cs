using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using DlPath.NN;
using DlPath.Tensors;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;

namespace DlPath.Bench;

/// <summary>
/// One conv block of the Fashion-MNIST CNN (Conv2d 3x3 padding 1 → ReLU → MaxPool2d(2), batch 128), forward and
/// backward, three ways: the three modules on their own, ReLU + pool fused (each conv in its own Sequential), and
/// the whole block as one node (what Sequential runs by default).
/// </summary>
[MemoryDiagnoser]
public class ConvBlockBenchmarks
{
    private Sequential _threeModules = null!;
    private Sequential _reluPoolFused = null!;
    private Sequential _blockFused = null!;
    private Tensor _x = null!;
    private Tensor _gradOut = null!;

    /// <summary>conv1: Conv2d(1, 32) on 28x28; conv2: Conv2d(32, 64) on 14x14.</summary>
    [Params("conv1", "conv2")]
    public string Block { get; set; } = "conv1";

    /// <summary>Builds the three variants over one Conv2d and random data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (c, o, size) = Block == "conv1" ? (1, 32, 28) : (32, 64, 14);
        var conv = new Conv2d(c, o, 3, padding: 1, generator: new Generator(1));
        _threeModules = new Sequential(conv, new Relu(), new MaxPool2d(2)) { FuseReluMaxPool = false };
        _reluPoolFused = new Sequential(new Sequential(conv), new Relu(), new MaxPool2d(2));
        _blockFused = new Sequential(conv, new Relu(), new MaxPool2d(2));
        _x = Tensor.Rand([128, c, size, size], generator: new Generator(2)).Keep();

        // conv2's input comes from conv1's block, so it needs a gradient; the images into conv1 do not.
        _x.RequiresGrad = Block == "conv2";
        _gradOut = Tensor.Rand([128, o, size / 2, size / 2], generator: new Generator(3)).Keep();
    }

    /// <summary>Conv2d, Relu and MaxPool2d as three graph nodes.</summary>
    [Benchmark(Baseline = true)]
    public void ThreeModules() => Step(_threeModules);

    /// <summary>Conv2d, then ReLU + pool as one node.</summary>
    [Benchmark]
    public void ReluPoolFused() => Step(_reluPoolFused);

    /// <summary>The whole block as one node.</summary>
    [Benchmark]
    public void BlockFused() => Step(_blockFused);

    private void Step(Sequential block)
    {
        using var scope = Tensor.Scope();
        block.Call(_x).Backward(_gradOut);
    }
}

/// <summary>
/// The forward kernels of the CNN's second conv block (Conv2d(32, 64, 3, padding 1) + ReLU + MaxPool2d(2) on 14x14,
/// batch 128, with bias) on arrays: the direct convolution pooled tile by tile, and Winograd's F(2x2, 3x3), which the
/// fused node runs for this shape.
/// </summary>
public unsafe class ConvForwardKernelBenchmarks : IDisposable
{
    private readonly Im2ColGeometry _g = new(128, 32, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1);
    private const int O = 64;
    private float[] _x = [], _w = [], _b = [];
    private float* _pooled;
    private byte* _winners;

    /// <summary>Random input, weights and bias; native output buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _x = Random(rng, _g.N * _g.C * _g.H * _g.W);
        _w = Random(rng, O * _g.C * 9);
        _b = Random(rng, O);
        int cells = _g.N * O * (_g.H / 2) * (_g.W / 2);
        _pooled = (float*)NativeMemory.AlignedAlloc((nuint)cells * sizeof(float), 64);
        _winners = (byte*)NativeMemory.AlignedAlloc((nuint)cells, 64);
    }

    /// <summary>The direct convolution, 8 channels x 48 positions per tile, pooled per tile.</summary>
    [Benchmark(Baseline = true)]
    public void Direct() => Conv2dDirect.ForwardReluPool2x2(_x, 0, _w, 0, _b, 0, _pooled, _winners, _g, O);

    /// <summary>Winograd F(2x2, 3x3): one 2x2 output tile per pooling window.</summary>
    [Benchmark]
    public void Winograd()
    {
        if (!Conv2dWinograd.Suits(_g, 1, O)) throw new NotSupportedException("Winograd forward needs AVX-512");
        Conv2dWinograd.ForwardReluPool2x2(_x, 0, _w, 0, _b, 0, _pooled, _winners, _g, O);
    }

    /// <summary>Frees the output buffers.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        NativeMemory.AlignedFree(_pooled);
        NativeMemory.AlignedFree(_winners);
        _pooled = null;
        _winners = null;
        GC.SuppressFinalize(this);
    }

    private static float[] Random(Random rng, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)((rng.NextDouble() * 2) - 1);
        return a;
    }
}
