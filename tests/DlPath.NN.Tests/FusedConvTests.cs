using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests;

/// <summary>F.conv2d runs the fused GEMM op; it must agree with the Unfold + MatMul formulation, values and gradients.</summary>
public sealed class FusedConvTests
{
    [Theory]
    [InlineData(3, 1, 28, 32, 1, 1)]
    [InlineData(2, 32, 14, 64, 1, 1)]
    [InlineData(2, 4, 9, 6, 2, 2)]
    public void Fused_conv_matches_unfold_matmul(int n, int c, int size, int o, int stride, int groups)
    {
        var gen = new Generator(21);
        var x = Tensor.Randn([n, c, size, size], DType.Float32, gen);
        var w = Tensor.Randn([o, c / groups, 3, 3], DType.Float32, gen);
        var bias = Tensor.Randn([o], DType.Float32, gen);
        var (x1, w1, b1) = (x.Clone().RequireGrad(), w.Clone().RequireGrad(), bias.Clone().RequireGrad());
        var (x2, w2, b2) = (x.Clone().RequireGrad(), w.Clone().RequireGrad(), bias.Clone().RequireGrad());
        var fused = Functional.Conv2d(x1, w1, b1, [stride], [1], null, groups);
        var unfold = Functional.Conv2dUnfold(x2, w2, b2, [stride, stride], [1, 1], [1, 1], groups);
        TensorAssert.Close(unfold, fused, 1e-4, 1e-4, "output");
        var g = Tensor.Randn(fused.ShapeArray(), DType.Float32, gen);
        fused.Backward(g);
        unfold.Backward(g);
        TensorAssert.Close(x2.Grad!, x1.Grad!, 1e-4, 1e-4, "input gradient");
        TensorAssert.Close(w2.Grad!, w1.Grad!, 1e-4, 1e-3, "weight gradient");
        TensorAssert.Close(b2.Grad!, b1.Grad!, 1e-4, 1e-3, "bias gradient");
    }
}
