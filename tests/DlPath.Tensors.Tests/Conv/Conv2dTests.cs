using DlPath.Tensors.Tests.Golden;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// The fused GEMM convolution (<see cref="Tensor.Conv2d"/>) against its plain-loop twin, forward and all three
/// gradients, on odd sizes (1, 3, 17, 63, 129 and non-multiples of the vector width), strides, padding,
/// dilation, groups and strided (transposed) inputs; plus float64 gradient checks.
/// </summary>
public class Conv2dTests
{
    // (N, C, H, W, O, kh, kw, stride, pad, dil, groups)
    public static TheoryData<int[]> Shapes => new()
    {
        new[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1 },
        new[] { 2, 3, 17, 17, 5, 3, 3, 1, 1, 1, 1 },
        new[] { 3, 1, 28, 28, 32, 3, 3, 1, 1, 1, 1 },
        new[] { 2, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1 },
        new[] { 1, 3, 63, 5, 3, 5, 3, 2, 2, 1, 1 },
        new[] { 1, 2, 129, 3, 3, 3, 1, 3, 0, 2, 1 },
        new[] { 2, 4, 9, 11, 6, 3, 2, 2, 1, 2, 2 },
        new[] { 1, 6, 7, 7, 6, 3, 3, 1, 1, 1, 6 },
        new[] { 5, 3, 17, 3, 17, 1, 3, 1, 1, 1, 1 },

        // Stride 1 with output rows as wide as the input: im2col / col2im move whole shifted planes; dilation and a
        // wider padding shift by more than one cell; K = 27 takes dW as dot products, K = 36 through the GEMM.
        new[] { 2, 3, 9, 10, 4, 3, 3, 1, 2, 2, 1 },
        new[] { 3, 4, 13, 7, 6, 3, 3, 1, 1, 1, 1 },
        new[] { 2, 2, 6, 5, 3, 3, 3, 1, 0, 1, 1 },

        // The direct float32 kernel: 9 output channels (a partial block of 8), a 5x3 kernel, a position tail.
        new[] { 2, 5, 11, 23, 9, 5, 3, 1, 2, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FastMatchesReferenceForwardAndBackwardFloat32(int[] shape)
    {
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3], o = shape[4], kh = shape[5], kw = shape[6];
        int s = shape[7], p = shape[8], d = shape[9], groups = shape[10];
        var gen = new Generator(17);
        var x = Tensor.Randn([n, c, h, w], DType.Float32, gen).RequireGrad();
        var wt = Tensor.Randn([o, c / groups, kh, kw], DType.Float32, gen).RequireGrad();
        var b = Tensor.Randn([o], DType.Float32, gen).RequireGrad();
        var y = Tensor.Conv2d(x, wt, b, [s], [p], [d], groups);
        var expected = Tensor.Conv2dReference(x, wt, b, [s], [p], [d], groups);
        TensorAssert.Close(expected, y, 1e-4, 1e-4, "conv2d forward");

        var dy = Tensor.Randn(y.ShapeArray(), DType.Float32, gen);
        y.Backward(dy);
        var (dx, dw, db) = Tensor.Conv2dReferenceBackward(x, wt, dy, [s], [p], [d], groups);
        TensorAssert.Close(dx, x.Grad!, 1e-4, 1e-4, "conv2d dx");
        TensorAssert.Close(dw, wt.Grad!, 1e-4, 2e-4, "conv2d dw");
        TensorAssert.Close(db, b.Grad!, 1e-4, 2e-4, "conv2d db");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ManySamplesAreSplitIntoChunksAndStillAgree(DType dtype)
    {
        // 40 samples of (32, 14, 14) with a 3x3 kernel need more than one column chunk: the weight gradient is
        // accumulated over chunks (beta = 1) and the input gradient is written chunk by chunk. float32 runs the
        // direct kernel for y and dx, float64 the column GEMMs for all three.
        var gen = new Generator(3);
        var x = Tensor.Randn([40, 32, 14, 14], dtype, gen).RequireGrad();
        var wt = Tensor.Randn([8, 32, 3, 3], dtype, gen).RequireGrad();
        var y = Tensor.Conv2d(x, wt, null, padding: [1]);
        TensorAssert.Close(Tensor.Conv2dReference(x, wt, null, padding: [1]), y, 1e-4, 1e-3, "conv2d forward");
        var dy = Tensor.Randn(y.ShapeArray(), dtype, gen);
        y.Backward(dy);
        var (dx, dw, _) = Tensor.Conv2dReferenceBackward(x, wt, dy, padding: [1]);
        TensorAssert.Close(dx, x.Grad!, 1e-4, 1e-3, "conv2d dx");
        TensorAssert.Close(dw, wt.Grad!, 1e-4, 1e-2, "conv2d dw");
    }

    [Fact]
    public void StridedAndTransposedInputsGiveTheContiguousResult()
    {
        var gen = new Generator(5);
        var xt = Tensor.Randn([2, 3, 11, 7], DType.Float64, gen).Transpose(2, 3); // (2, 3, 7, 11), not contiguous
        var wt = Tensor.Randn([3, 4, 3, 3], DType.Float64, gen).Transpose(0, 1);  // (4, 3, 3, 3), not contiguous
        var y = Tensor.Conv2d(xt, wt, null, [2], [1]);
        var expected = Tensor.Conv2dReference(xt.Contiguous(), wt.Contiguous(), null, [2], [1]);
        TensorAssert.Close(expected, y, 1e-12, 1e-12, "conv2d of views");
    }

    [Fact]
    public void GradCheckFloat64WithBiasStridePaddingDilationGroups()
    {
        var gen = new Generator(11);
        var inputs = new[]
        {
            Tensor.Randn([2, 4, 7, 6], DType.Float64, gen),
            Tensor.Randn([6, 2, 3, 2], DType.Float64, gen),
            Tensor.Randn([6], DType.Float64, gen),
        };
        var r = GradCheck.Check(t => Tensor.Conv2d(t[0], t[1], t[2], [2, 1], [1, 0], [1, 2], groups: 2), inputs);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void GradCheckFloat64WithoutBias()
    {
        var gen = new Generator(12);
        var inputs = new[] { Tensor.Randn([1, 3, 5, 5], DType.Float64, gen), Tensor.Randn([2, 3, 3, 3], DType.Float64, gen) };
        var r = GradCheck.Check(t => Tensor.Conv2d(t[0], t[1], null, null, [1]), inputs);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void OnlyTheNeededGradientsAreComputed()
    {
        // The first layer's input needs no gradient: its work (W^T dY and col2im) is skipped, and the weight still gets one.
        var gen = new Generator(13);
        var x = Tensor.Randn([2, 1, 5, 5], DType.Float32, gen);
        var wt = Tensor.Randn([3, 1, 3, 3], DType.Float32, gen).RequireGrad();
        Tensor.Conv2d(x, wt, null, padding: [1]).Sum().Backward();
        Assert.Null(x.Grad);
        Assert.NotNull(wt.Grad);
    }

    [Fact]
    public void MismatchedChannelsNameBothShapes()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Conv2d(Tensor.Zeros([1, 3, 5, 5]), Tensor.Zeros([4, 2, 3, 3])));
        Assert.Contains("(1,3,5,5)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(4,2,3,3)", e.Message, StringComparison.Ordinal);
    }
}
