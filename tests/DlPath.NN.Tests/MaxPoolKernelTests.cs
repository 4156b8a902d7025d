using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests;

/// <summary>The direct max-pool kernel agrees with its readable Unfold + Max twin, forward and backward, ties included.</summary>
public sealed class MaxPoolKernelTests
{
    [Theory]
    [InlineData(2, 2, 0, 1, DType.Float32)]
    [InlineData(3, 2, 1, 1, DType.Float32)]
    [InlineData(3, 1, 1, 2, DType.Float64)]
    [InlineData(2, 3, 1, 1, DType.Float64)]
    public void Kernel_matches_reference(int kernel, int stride, int padding, int dilation, DType dtype)
    {
        // Values rounded to a coarse grid, so windows contain ties and the first maximum must win in both.
        var x = Tensor.RandInt(-3, 4, [2, 3, 9, 8], new Generator(3)).To(dtype) / 2;
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.MaxPool2d(a, [kernel], [stride], [padding], [dilation]);
        var yb = Functional.MaxPool2dReference(b, [kernel], [stride], [padding], [dilation]);
        TensorAssert.Close(yb, ya, 0, 0, "output");
        var g = Tensor.Randn(ya.ShapeArray(), dtype, new Generator(4));
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, 1e-6, 1e-6, "input gradient");
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(3, 17, 63)]
    [InlineData(2, 129, 3)]
    [InlineData(4, 28, 28)]
    public void Two_by_two_fast_path_matches_reference_on_odd_sizes(int channels, int h, int w)
    {
        var x = Tensor.RandInt(-3, 4, [2, channels, h, w], new Generator(7)).To(DType.Float32) / 2;
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.MaxPool2d(a, [2]);
        var yb = Functional.MaxPool2dReference(b, [2]);
        TensorAssert.Close(yb, ya, 0, 0, "output");
        var g = Tensor.Randn(ya.ShapeArray(), DType.Float32, new Generator(8));
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, 1e-6, 1e-6, "input gradient");
    }

    [Fact]
    public void Nan_wins_its_window_like_torch()
    {
        var x = Tensor.FromArray(new float[] { 1, float.NaN, 3, 4 }, 1, 1, 2, 2);
        Assert.True(float.IsNaN(Functional.MaxPool2d(x, [2]).Item<float>()));
    }
}
