using DlPath.Tensors;

namespace DlPath.NN.Tests;

public sealed class LossTests
{
    [Fact]
    public void Fused_and_composite_cross_entropy_agree()
    {
        var x = Tensor.Randn([6, 5], DType.Float64, new Generator(1)).RequireGrad();
        var t = Tensor.FromArray(new long[] { 0, 4, 2, -100, 1, 1 });
        var w = Tensor.FromArray([1.0, 0.5, 2.0, 1.0, 3.0]);
        foreach (var red in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            var fused = Functional.CrossEntropy(x, t, w, reduction: red);
            var composite = Functional.NllLoss(x.LogSoftmax(1), t, w, reduction: red);
            Assert.Equal(composite.ToArray<double>(), fused.ToArray<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Fact]
    public void Loss_objects_pass_their_options()
    {
        var x = Tensor.Randn([4, 3], DType.Float32, new Generator(2));
        var t = Tensor.FromArray(new long[] { 0, 1, 2, 1 });
        var loss = new CrossEntropyLoss(labelSmoothing: 0.1, reduction: Reduction.Sum);
        Assert.Equal(Functional.CrossEntropy(x, t, reduction: Reduction.Sum, labelSmoothing: 0.1).Item(), loss.Call(x, t).Item(), 6);
        Assert.Equal(new[] { 4 }, new NllLoss(reduction: Reduction.None).Call(x.LogSoftmax(1), t).ShapeArray());
        Assert.Equal(0.0, new MseLoss().Call(x, x).Item());
        Assert.Equal(0.0, new L1Loss().Call(x, x).Item());
        Assert.Equal(0.0, new HuberLoss().Call(x, x).Item());
        Assert.Equal(0.0, new SmoothL1Loss().Call(x, x).Item());
        var p = x.Sigmoid();
        Assert.Equal(Functional.BinaryCrossEntropy(p, p).Item(), new BceLoss().Call(p, p).Item(), 6);
        Assert.Equal(new BceLoss().Call(p, p).Item(), new BceWithLogitsLoss().Call(x, p).Item(), 5);
    }

    [Fact]
    public void Loss_errors_explain_the_mistake()
    {
        var x = Tensor.Zeros(4, 3);
        var e = Assert.Throws<IndexOutOfRangeException>(() => Functional.CrossEntropy(x, Tensor.FromArray(new long[] { 0, 1, 3, 2 })));
        Assert.Contains("target 3", e.Message);
        Assert.Contains("3 classes", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => Functional.CrossEntropy(x, Tensor.FromArray(new double[] { 0, 1, 2, 1 })));
        var s = Assert.Throws<ShapeException>(() => Functional.MseLoss(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Contains("(4,1)", s.Message);
        Assert.Throws<ArgumentException>(() => Functional.BinaryCrossEntropy(Tensor.Full([2], 1.5), Tensor.Zeros(2)));
    }

    [Fact]
    public void Bce_clamps_log_at_minus_100_like_torch()
    {
        var loss = Functional.BinaryCrossEntropy(Tensor.FromArray(new float[] { 0f, 1f }), Tensor.FromArray(new float[] { 1f, 0f }), reduction: Reduction.None);
        Assert.Equal([100f, 100f], loss.ToArray<float>());
    }
}
