using BenchmarkDotNet.Attributes;
using DlPath.NN;
using DlPath.Tensors;

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
