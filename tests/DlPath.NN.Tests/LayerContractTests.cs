using DlPath.Tensors;

namespace DlPath.NN.Tests;

/// <summary>
/// The contract every layer keeps: it builds, gives the documented output shape, a training step through it
/// lowers a loss (gradients reach the parameters, its own and those after it), and its state dict round-trips.
/// </summary>
public sealed class LayerContractTests
{
    public sealed record LayerSpec(string Name, Func<int, Module> Build, int[] InputShape, int[] OutputShape, bool IntInput = false)
    {
        public override string ToString() => Name;
    }

    private static readonly LayerSpec[] s_specs =
    [
        new("Linear", s => new Linear(5, 4, generator: new Generator((ulong)s)), [3, 5], [3, 4]),
        new("Conv1d", s => new Conv1d(2, 4, 3, stride: 2, padding: 1, generator: new Generator((ulong)s)), [2, 2, 9], [2, 4, 5]),
        new("Conv2d", s => new Conv2d(3, 4, 3, padding: 1, generator: new Generator((ulong)s)), [2, 3, 6, 6], [2, 4, 6, 6]),
        new("Conv2dGroups", s => new Conv2d(4, 6, [3, 2], [2, 1], null, null, groups: 2, generator: new Generator((ulong)s)), [2, 4, 7, 5], [2, 6, 3, 4]),
        new("ConvTranspose2d", s => new ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, outputPadding: 1, generator: new Generator((ulong)s)), [2, 3, 4, 4], [2, 2, 8, 8]),
        new("MaxPool2d", _ => new MaxPool2d(2), [2, 3, 6, 6], [2, 3, 3, 3]),
        new("AvgPool2d", _ => new AvgPool2d(3, 2, 1), [2, 3, 6, 6], [2, 3, 3, 3]),
        new("AdaptiveAvgPool2d", _ => new AdaptiveAvgPool2d(2, 3), [2, 3, 5, 7], [2, 3, 2, 3]),
        new("BatchNorm1d", _ => new BatchNorm1d(4), [6, 4], [6, 4]),
        new("BatchNorm2d", _ => new BatchNorm2d(3), [4, 3, 3, 3], [4, 3, 3, 3]),
        new("LayerNorm", _ => new LayerNorm(5), [3, 2, 5], [3, 2, 5]),
        new("GroupNorm", _ => new GroupNorm(2, 4), [3, 4, 3], [3, 4, 3]),
        new("Dropout", s => new Dropout(0.25, new Generator((ulong)s)), [4, 6], [4, 6]),
        new("Embedding", s => new Embedding(7, 3, generator: new Generator((ulong)s)), [4, 2], [4, 2, 3], IntInput: true),
        new("Flatten", _ => new Flatten(), [2, 3, 4], [2, 12]),
        new("Identity", _ => new Identity(), [3, 4], [3, 4]),
        new("Relu", _ => new Relu(), [3, 4], [3, 4]),
        new("LeakyRelu", _ => new LeakyRelu(), [3, 4], [3, 4]),
        new("Gelu", _ => new Gelu(), [3, 4], [3, 4]),
        new("Silu", _ => new Silu(), [3, 4], [3, 4]),
        new("Sigmoid", _ => new Sigmoid(), [3, 4], [3, 4]),
        new("Tanh", _ => new Tanh(), [3, 4], [3, 4]),
        new("Softmax", _ => new Softmax(1), [3, 4], [3, 4]),
        new("LogSoftmax", _ => new LogSoftmax(1), [3, 4], [3, 4]),
        new("Sequential", s => new Sequential(new Linear(4, 6, generator: new Generator((ulong)s)), new Relu(), new Linear(6, 2, generator: new Generator((ulong)s + 1))), [5, 4], [5, 2]),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var d = new TheoryData<string>();
            foreach (var s in s_specs) d.Add(s.Name);
            return d;
        }
    }

    private static LayerSpec Spec(string name) => s_specs.Single(s => s.Name == name);

    private static Tensor Input(LayerSpec spec, int seed) => spec.IntInput
        ? Tensor.RandInt(0, 7, spec.InputShape, new Generator((ulong)seed))
        : Tensor.Randn(spec.InputShape, DType.Float32, new Generator((ulong)seed));

    [Theory]
    [MemberData(nameof(Names))]
    public void Builds_and_gives_the_output_shape(string name)
    {
        var spec = Spec(name);
        var layer = spec.Build(1);
        var y = layer.Call(Input(spec, 2));
        Assert.Equal(spec.OutputShape, y.ShapeArray());
        Assert.Equal(DType.Float32, y.DType);
        Assert.False(string.IsNullOrEmpty(layer.ToString()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_training_step_lowers_the_loss(string name)
    {
        var spec = Spec(name);
        var layer = spec.Build(1);
        int features = spec.OutputShape.Skip(1).Aggregate(1, (a, b) => a * b);

        // A linear head after the layer makes every layer trainable end to end, and checks gradients flow through it.
        var model = new Sequential(layer, new Flatten(), new Linear(features, 3, generator: new Generator(5)));
        var x = Input(spec, 2);
        var target = Tensor.Randn([spec.OutputShape[0], 3], DType.Float32, new Generator(3));
        var opt = new Sgd(model.Parameters(), lr: 0.05);

        // Dropout draws a new mask per call: evaluate the loss before and after with the same mask seed.
        if (layer is Dropout d) d.Generator = new Generator(11);
        var before = Functional.MseLoss(model.Call(x), target);
        before.Backward();
        foreach (var p in layer.Parameters()) Assert.True(p.Grad is not null, $"{name}: parameter {p.ShapeString()} got no gradient");
        opt.Step();
        if (layer is Dropout d2) d2.Generator = new Generator(11);
        var after = Functional.MseLoss(model.Call(x), target);
        Assert.True(after.Item() < before.Item(), $"{name}: loss went from {before.Item()} to {after.Item()}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void State_dict_round_trips(string name)
    {
        var spec = Spec(name);
        var a = spec.Build(1);
        var b = spec.Build(2);
        if (a is BatchNorm)
        {
            a.Call(Input(spec, 4)); // move the running statistics away from their initial values
        }

        b.LoadStateDict(a.StateDict());
        a.Eval();
        b.Eval();
        var x = Input(spec, 3);
        Assert.Equal(a.Call(x).ToArray<float>(), b.Call(x).ToArray<float>());
        foreach (var (key, t) in a.StateDict()) Assert.Equal(t.ToArray<double>(), b.StateDict()[key].ToArray<double>());
    }
}

internal static class ParameterTestExtensions
{
    public static string ShapeString(this Parameter p) => p.Value.ShapeString;
}
