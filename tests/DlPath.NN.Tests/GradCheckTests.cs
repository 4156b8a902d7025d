using DlPath.Tensors;

namespace DlPath.NN.Tests;

/// <summary>
/// Centered-difference gradient checks in float64 for every layer and loss (through the functional form each
/// module runs), with respect to the input and every parameter.
/// </summary>
public sealed class GradCheckTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator((ulong)seed));

    private static void Pass(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Linear() => Pass(x => Functional.Linear(x[0], x[1], x[2]), R(1, 3, 4), R(2, 5, 4), R(3, 5));

    [Fact]
    public void Conv2d_with_stride_padding_dilation() =>
        Pass(x => Functional.Conv2d(x[0], x[1], x[2], [2, 1], [1, 2], [1, 2]), R(1, 2, 3, 6, 5), R(2, 4, 3, 3, 2), R(3, 4));

    [Fact]
    public void Conv2d_groups() => Pass(x => Functional.Conv2d(x[0], x[1], x[2], null, [1], null, 2), R(1, 1, 4, 4, 4), R(2, 6, 2, 3, 3), R(3, 6));

    [Fact]
    public void Conv1d() => Pass(x => Functional.Conv1d(x[0], x[1], x[2], 2, 1, 1, 1), R(1, 2, 3, 8), R(2, 4, 3, 3), R(3, 4));

    [Fact]
    public void ConvTranspose2d_stride_output_padding_groups() =>
        Pass(x => Functional.ConvTranspose2d(x[0], x[1], x[2], [2], [1], [1], 2), R(1, 1, 4, 3, 3), R(2, 4, 3, 3, 3), R(3, 6));

    [Fact]
    public void MaxPool2d_with_padding()
    {
        // A permutation of distinct values keeps every window's maximum unique (max is not differentiable at ties).
        var x = Tensor.RandPerm(2 * 2 * 5 * 5, new Generator(4)).To(DType.Float64).Reshape(2, 2, 5, 5) * 0.1;
        Pass(t => Functional.MaxPool2d(t[0], [3], [2], [1]), x);
        Pass(t => Functional.MaxPool2d(t[0], [2], [2], null, null, ceilMode: true), x);
    }

    [Fact]
    public void AvgPool2d_excluding_padding() => Pass(x => Functional.AvgPool2d(x[0], [3], [2], [1], countIncludePad: false), R(1, 2, 2, 5, 6));

    [Fact]
    public void AdaptiveAvgPool2d() => Pass(x => Functional.AdaptiveAvgPool2d(x[0], [3, 2]), R(1, 2, 2, 5, 7));

    [Fact]
    public void BatchNorm_training() => Pass(x => Functional.BatchNorm(x[0], null, null, x[1], x[2], training: true), R(1, 4, 3, 2, 2), R(2, 3), R(3, 3));

    [Fact]
    public void BatchNorm_eval() =>
        Pass(x => Functional.BatchNorm(x[0], Tensor.FromArray([0.1, -0.2, 0.3]), Tensor.FromArray([1.5, 0.7, 1.1]), x[1], x[2], training: false), R(1, 4, 3), R(2, 3), R(3, 3));

    [Fact]
    public void LayerNorm() => Pass(x => Functional.LayerNorm(x[0], [3, 4], x[1], x[2]), R(1, 2, 3, 4), R(2, 3, 4), R(3, 3, 4));

    [Fact]
    public void GroupNorm() => Pass(x => Functional.GroupNorm(x[0], 2, x[1], x[2]), R(1, 2, 4, 3), R(2, 4), R(3, 4));

    [Fact]
    public void Dropout_with_a_fixed_mask() =>

        // A freshly seeded generator per call draws the same mask every time, so the function is deterministic.
        Pass(x => Functional.Dropout(x[0], 0.3, true, new Generator(9)), R(1, 4, 5));

    [Fact]
    public void Embedding() => Pass(x => Functional.Embedding(Tensor.FromArray(new long[] { 1, 3, 1, 0 }, 2, 2), x[0]), R(1, 4, 3));

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky_relu")]
    [InlineData("gelu")]
    [InlineData("silu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("log_softmax")]
    public void Activation_modules(string name)
    {
        Module m = name switch
        {
            "relu" => new Relu(),
            "leaky_relu" => new LeakyRelu(0.2),
            "gelu" => new Gelu(),
            "silu" => new Silu(),
            "sigmoid" => new Sigmoid(),
            "tanh" => new Tanh(),
            "softmax" => new Softmax(1),
            _ => new LogSoftmax(1),
        };

        // Keep away from ReLU's kink at 0.
        var x = R(5, 3, 4);
        x = x + (x.Sign() * 0.05);
        Pass(t => m.Call(t[0]), x);
    }

    private static readonly Tensor s_targets = Tensor.FromArray(new long[] { 2, 0, -100, 1, 2 });
    private static readonly Tensor s_classWeights = Tensor.FromArray([0.5, 2.0, 1.3]);

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void CrossEntropy_fused_with_weights_and_ignore_index(Reduction reduction) =>
        Pass(x => Functional.CrossEntropy(x[0], s_targets, s_classWeights, reduction: reduction), R(1, 5, 3));

    [Fact]
    public void CrossEntropy_with_label_smoothing() =>
        Pass(x => Functional.CrossEntropy(x[0], s_targets, s_classWeights, labelSmoothing: 0.2), R(1, 5, 3));

    [Fact]
    public void CrossEntropy_with_probabilities() =>
        Pass(x => Functional.CrossEntropy(x[0], x[1].Softmax(1), s_classWeights, labelSmoothing: 0.1), R(1, 5, 3), R(2, 5, 3));

    [Fact]
    public void CrossEntropy_spatial() =>
        Pass(x => Functional.CrossEntropy(x[0], Tensor.FromArray(new long[] { 0, 2, 1, 1, 2, 0, 0, 1 }, 2, 2, 2)), R(1, 2, 3, 2, 2));

    [Fact]
    public void NllLoss() => Pass(x => Functional.NllLoss(x[0].LogSoftmax(1), s_targets, s_classWeights), R(1, 5, 3));

    [Fact]
    public void BinaryCrossEntropy() =>
        Pass(x => Functional.BinaryCrossEntropy(x[0].Sigmoid(), x[1].Sigmoid(), Tensor.FromArray([1.0, 0.5, 2.0])), R(1, 4, 3), R(2, 4, 3));

    [Fact]
    public void BinaryCrossEntropyWithLogits_pos_weight() =>
        Pass(x => Functional.BinaryCrossEntropyWithLogits(x[0], x[1].Sigmoid(), null, Tensor.FromArray([1.0, 3.0, 0.5])), R(1, 4, 3), R(2, 4, 3));

    [Fact]
    public void MseLoss() => Pass(x => Functional.MseLoss(x[0], x[1]), R(1, 4, 3), R(2, 4, 3));

    [Fact]
    public void L1Loss() => Pass(x => Functional.L1Loss(x[0], x[1]), R(1, 4, 3), R(2, 4, 3) + 0.05);

    [Fact]
    public void SmoothL1Loss() => Pass(x => Functional.SmoothL1Loss(x[0], x[1], beta: 0.8), R(1, 4, 3), R(2, 4, 3));

    [Fact]
    public void HuberLoss() => Pass(x => Functional.HuberLoss(x[0], x[1], delta: 0.6), R(1, 4, 3), R(2, 4, 3));
}
