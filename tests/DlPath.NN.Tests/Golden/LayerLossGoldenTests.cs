using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests.Golden;

/// <summary>Every layer's and loss's forward and input/parameter gradients against PyTorch 1.13 (float64 cases).</summary>
public sealed class LayerLossGoldenTests
{
    public static TheoryData<string> LayerCases => NnGolden.Names(
        "linear", "conv2d", "conv1d", "conv_transpose2d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d", "batch_norm",
        "layer_norm", "group_norm", "embedding", "relu", "leaky_relu", "gelu", "silu", "sigmoid", "tanh", "softmax", "log_softmax");

    public static TheoryData<string> LossCases => NnGolden.Names("cross_entropy", "nll_loss", "bce", "bce_with_logits", "mse", "l1", "smooth_l1", "huber");

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void Layer_matches_torch(string name) => Check(NnGolden.Case(name));

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_matches_torch(string name) => Check(NnGolden.Case(name));

    [Theory]
    [InlineData("batch_norm_train")]
    [InlineData("batch_norm_eval")]
    public void Batch_norm_updates_running_statistics_as_torch(string name)
    {
        var c = NnGolden.Case(name);
        var rm = NnGolden.TensorArg(c, "running_mean")!;
        var rv = NnGolden.TensorArg(c, "running_var")!;
        Functional.BatchNorm(c.Inputs[0], rm, rv, c.Inputs[1], c.Inputs[2], c.Arg("training", false), 0.1, 1e-5);
        TensorAssert.Close(NnGolden.TensorArg(c, "running_mean_after")!, rm, 1e-12, 1e-14, "running_mean");
        TensorAssert.Close(NnGolden.TensorArg(c, "running_var_after")!, rv, 1e-12, 1e-14, "running_var");
    }

    private static void Check(GoldenCase c)
    {
        var inputs = c.Inputs.Select((t, i) => t.DType.IsFloatingPoint() && c.Grads.Length > i && c.Grads[i] is not null ? t.Clone().Detach().RequireGrad() : t).ToArray();
        var output = NnGolden.Apply(c, inputs);
        TensorAssert.Close(c.Output!, output, 1e-9, 1e-11, $"{c.Name} output");
        if (c.GradOutput is null) return;
        output.Backward(c.GradOutput.To(output.DType));
        for (int i = 0; i < inputs.Length; i++)
        {
            if (c.Grads.Length <= i || c.Grads[i] is not { } expected) continue;
            Assert.True(inputs[i].Grad is not null, $"{c.Name}: input {i} got no gradient");
            TensorAssert.Close(expected, inputs[i].Grad!, 1e-9, 1e-11, $"{c.Name} grad of input {i}");
        }
    }
}
