using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests;

/// <summary>The direct average-pool kernel agrees with its readable Unfold + Sum twin, forward and backward.</summary>
public sealed class AvgPoolKernelTests
{
    [Theory]
    [InlineData(2, 2, 0, true, 1, 28, 28, DType.Float32)]
    [InlineData(2, 2, 0, true, 3, 17, 63, DType.Float32)]
    [InlineData(3, 2, 1, true, 2, 129, 3, DType.Float32)]
    [InlineData(3, 2, 1, false, 2, 9, 17, DType.Float32)]
    [InlineData(3, 1, 1, false, 1, 3, 1, DType.Float64)]
    [InlineData(5, 3, 2, true, 2, 13, 11, DType.Float64)]
    [InlineData(4, 3, 2, false, 2, 12, 10, DType.Float64)]
    public void Kernel_matches_reference(int kernel, int stride, int padding, bool countIncludePad, int channels, int h, int w, DType dtype)
    {
        var x = Tensor.Randn([2, channels, h, w], dtype, new Generator(21));
        AssertMatchesReference(x, [kernel], [stride], [padding], countIncludePad, new Generator(22));
    }

    // Separable-sum coverage: widths 1, 3, 17, 63, 129 (around and off the vector width), overlapping windows
    // (stride < kernel, so a backward row buffer lands on input rows more than once), padding with both divisor rules.
    [Theory]
    [InlineData(3, 1, 1, true, 5, 1, DType.Float32)]
    [InlineData(3, 1, 1, false, 5, 1, DType.Float64)]
    [InlineData(2, 1, 0, true, 4, 3, DType.Float32)]
    [InlineData(3, 2, 1, false, 7, 17, DType.Float32)]
    [InlineData(3, 2, 1, true, 7, 17, DType.Float64)]
    [InlineData(4, 1, 2, true, 6, 63, DType.Float32)]
    [InlineData(4, 1, 2, false, 6, 63, DType.Float64)]
    [InlineData(5, 2, 2, false, 9, 129, DType.Float32)]
    [InlineData(5, 3, 0, true, 10, 129, DType.Float64)]
    [InlineData(2, 2, 1, true, 3, 129, DType.Float32)]
    public void Odd_widths_overlap_and_padding_match_reference(int kernel, int stride, int padding, bool countIncludePad, int h, int w, DType dtype)
    {
        var x = Tensor.Randn([2, 3, h, w], dtype, new Generator(31));
        AssertMatchesReference(x, [kernel], [stride], [padding], countIncludePad, new Generator(32));
    }

    [Fact]
    public void Large_input_takes_the_parallel_path_and_matches_reference()
    {
        // 2·16·40·33 elements is above the kernel's parallel threshold, so work items with their own row buffers run.
        var x = Tensor.Randn([2, 16, 40, 33], DType.Float32, new Generator(33));
        AssertMatchesReference(x, [3, 2], [2, 1], [1, 1], countIncludePad: true, new Generator(34));
    }

    [Fact]
    public void Rectangular_window_and_stride_match_reference()
    {
        var x = Tensor.Randn([1, 2, 11, 7], DType.Float64, new Generator(23)).RequireGrad();
        var y = Functional.AvgPool2d(x, [3, 2], [2, 1], [1, 0], countIncludePad: false);
        TensorAssert.Close(Functional.AvgPool2dReference(x.Detach(), [3, 2], [2, 1], [1, 0], countIncludePad: false), y, 1e-12, 1e-12, "output");
        var r = GradCheck.Check(t => Functional.AvgPool2d(t[0], [3, 2], [2, 1], [1, 0], countIncludePad: false), [x.Detach()]);
        Assert.True(r.Passed, r.ToString());
    }

    /// <summary>The kernel's output and input gradient (for a random upstream gradient) equal the Unfold + mean twin's.</summary>
    private static void AssertMatchesReference(Tensor x, int[] kernel, int[] stride, int[] padding, bool countIncludePad, Generator gradGenerator)
    {
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.AvgPool2d(a, kernel, stride, padding, countIncludePad);
        var yb = Functional.AvgPool2dReference(b, kernel, stride, padding, countIncludePad);
        double tol = x.DType == DType.Float32 ? 1e-5 : 1e-12;
        TensorAssert.Close(yb, ya, tol, tol, "output");
        var g = Tensor.Randn(ya.ShapeArray(), x.DType, gradGenerator);
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, tol, tol, "input gradient");
    }
}
