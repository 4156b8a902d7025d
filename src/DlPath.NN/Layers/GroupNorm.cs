using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Group normalization (<c>torch.nn.GroupNorm</c>); per-channel weight ones and bias zeros, eps 1e-5.</summary>
public sealed class GroupNorm : Module
{
    /// <summary>Creates the layer; <paramref name="numGroups"/> must divide <paramref name="numChannels"/>.</summary>
    public GroupNorm(int numGroups, int numChannels, double eps = 1e-5, bool affine = true, DType dtype = DType.Float32)
    {
        if (numGroups <= 0 || numChannels % numGroups != 0)
        {
            throw new ArgumentException($"GroupNorm: num_channels={numChannels} must be divisible by num_groups={numGroups}");
        }

        (NumGroups, NumChannels, Eps) = (numGroups, numChannels, eps);
        Weight = affine ? new Parameter(Tensor.Ones([numChannels], dtype)) : null;
        Bias = affine ? new Parameter(Tensor.Zeros([numChannels], dtype)) : null;
    }

    /// <summary>Per-channel scale (null without affine).</summary>
    public Parameter? Weight { get; }

    /// <summary>Per-channel shift (null without affine).</summary>
    public Parameter? Bias { get; }

    /// <summary>Number of groups.</summary>
    public int NumGroups { get; }

    /// <summary>Number of channels.</summary>
    public int NumChannels { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2 || input.Shape[1] != NumChannels)
        {
            throw new ShapeException($"GroupNorm: expected (N,{NumChannels},*) input, got {input.ShapeString}");
        }

        return Functional.GroupNorm(input, NumGroups, Weight?.Value, Bias?.Value, Eps);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{NumGroups}, {NumChannels}, eps={Eps}, affine={Py(Weight is not null)}";
}
