using System.Globalization;
using DlPath.Tensors;

namespace DlPath.NN;

// The activation functions as modules, so they can sit in a Sequential. Each is a one-line wrapper of the tensor
// op that holds the math and its derivative.

/// <summary>max(0, x) (<c>torch.nn.ReLU</c>).</summary>
public sealed class Relu : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>x for x ≥ 0, slope·x otherwise (<c>torch.nn.LeakyReLU</c>, default slope 0.01).</summary>
public sealed class LeakyRelu(double negativeSlope = 0.01) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"negative_slope={NegativeSlope.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>x·Φ(x) (<c>torch.nn.GELU</c>); <c>approximate: "tanh"</c> uses the tanh formula.</summary>
public sealed class Gelu(string approximate = "none") : Module
{
    /// <summary>"none" (exact, with erf) or "tanh".</summary>
    public string Approximate { get; } = approximate;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Gelu(Approximate);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"approximate='{Approximate}'";
}

/// <summary>x·σ(x), also called swish (<c>torch.nn.SiLU</c>).</summary>
public sealed class Silu : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Silu();
}

/// <summary>1/(1+e^-x) (<c>torch.nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>tanh(x) (<c>torch.nn.Tanh</c>).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>Softmax along a dim (<c>torch.nn.Softmax</c>).</summary>
public sealed class Softmax(int dim) : Module
{
    /// <summary>The dim whose entries sum to one.</summary>
    public int Dim { get; } = dim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Softmax(Dim);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"dim={Dim}";
}

/// <summary>Log-softmax along a dim (<c>torch.nn.LogSoftmax</c>), the input NLLLoss expects.</summary>
public sealed class LogSoftmax(int dim) : Module
{
    /// <summary>The dim normalized over.</summary>
    public int Dim { get; } = dim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.LogSoftmax(Dim);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"dim={Dim}";
}
