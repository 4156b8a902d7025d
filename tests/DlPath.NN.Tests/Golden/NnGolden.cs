using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests.Golden;

/// <summary>Maps the cases of golden/nn.json (tests/golden/make_golden_nn.py) to DlPath calls.</summary>
internal static class NnGolden
{
    public const string File = "nn.json";

    private static readonly Lazy<Dictionary<string, GoldenCase>> s_cases = new(() => GoldenFile.Load(File).ToDictionary(c => c.Name));

    public static GoldenCase Case(string name) => s_cases.Value[name];

    public static TheoryData<string> Names(params string[] ops)
    {
        var data = new TheoryData<string>();
        foreach (var c in GoldenFile.Load(File).Where(c => ops.Contains(c.Op))) data.Add(c.Name);
        return data;
    }

    public static Reduction ReductionArg(GoldenCase c) =>
        c.Args.TryGetProperty("reduction", out var r) ? r.GetString() switch
        {
            "none" => Reduction.None,
            "sum" => Reduction.Sum,
            _ => Reduction.Mean,
        } : Reduction.Mean;

    public static Tensor? TensorArg(GoldenCase c, string name) =>
        c.Args.TryGetProperty(name, out var v) ? GoldenFile.ParseTensor(v) : null;

    /// <summary>Runs a layer or loss case's op on <paramref name="x"/> (the case's inputs, possibly requiring grad).</summary>
    public static Tensor Apply(GoldenCase c, Tensor[] x)
    {
        Tensor? At(int i) => i < x.Length ? x[i] : null;
        return c.Op switch
        {
            "linear" => Functional.Linear(x[0], x[1], At(2)),
            "conv2d" => Functional.Conv2d(x[0], x[1], At(2), c.IntsArg("stride"), c.IntsArg("padding"), c.IntsArg("dilation"), c.Arg("groups", 1)),
            "conv1d" => Functional.Conv1d(x[0], x[1], At(2), c.Arg("stride", 1), c.Arg("padding", 0), c.Arg("dilation", 1), c.Arg("groups", 1)),
            "conv_transpose2d" => Functional.ConvTranspose2d(x[0], x[1], At(2), c.IntsArg("stride"), c.IntsArg("padding"), c.IntsArg("output_padding"), c.Arg("groups", 1), c.IntsArg("dilation")),
            "max_pool2d" => Functional.MaxPool2d(x[0], c.IntsArg("kernel"), c.IntsArg("stride"), c.IntsArg("padding"), null, c.Arg("ceil_mode", false)),
            "avg_pool2d" => Functional.AvgPool2d(x[0], c.IntsArg("kernel"), c.IntsArg("stride"), c.IntsArg("padding"), c.Arg("count_include_pad", true)),
            "adaptive_avg_pool2d" => Functional.AdaptiveAvgPool2d(x[0], c.IntsArg("output")),
            "batch_norm" => Functional.BatchNorm(x[0], TensorArg(c, "running_mean"), TensorArg(c, "running_var"), x[1], x[2], c.Arg("training", false), c.Arg("momentum", 0.1), c.Arg("eps", 1e-5)),
            "layer_norm" => Functional.LayerNorm(x[0], c.IntsArg("shape"), x[1], x[2], c.Arg("eps", 1e-5)),
            "group_norm" => Functional.GroupNorm(x[0], c.Arg("groups", 1), x[1], x[2], c.Arg("eps", 1e-5)),
            "embedding" => Functional.Embedding(x[0], x[1], c.Args.TryGetProperty("padding_idx", out var pad) ? pad.GetInt32() : null),
            "relu" => new Relu().Call(x[0]),
            "leaky_relu" => new LeakyRelu(0.1).Call(x[0]),
            "gelu" => new Gelu().Call(x[0]),
            "silu" => new Silu().Call(x[0]),
            "sigmoid" => new Sigmoid().Call(x[0]),
            "tanh" => new Tanh().Call(x[0]),
            "softmax" => new Softmax(1).Call(x[0]),
            "log_softmax" => new LogSoftmax(1).Call(x[0]),
            "cross_entropy" => Functional.CrossEntropy(x[0], x[1], At(2), -100, ReductionArg(c), c.Arg("label_smoothing", 0.0)),
            "nll_loss" => Functional.NllLoss(x[0], x[1], At(2), -100, ReductionArg(c)),
            "bce" => Functional.BinaryCrossEntropy(x[0], x[1], At(2), ReductionArg(c)),
            "bce_with_logits" => Functional.BinaryCrossEntropyWithLogits(x[0], x[1], At(2), At(3), ReductionArg(c)),
            "mse" => Functional.MseLoss(x[0], x[1], ReductionArg(c)),
            "l1" => Functional.L1Loss(x[0], x[1], ReductionArg(c)),
            "smooth_l1" => Functional.SmoothL1Loss(x[0], x[1], ReductionArg(c), c.Arg("beta", 1.0)),
            "huber" => Functional.HuberLoss(x[0], x[1], ReductionArg(c), c.Arg("delta", 1.0)),
            _ => throw new InvalidOperationException($"golden case {c.Name}: unknown op {c.Op}"),
        };
    }
}
