using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Average pooling to a fixed output size whatever the input size (<c>torch.nn.AdaptiveAvgPool2d</c>).</summary>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer for an output of (h, w), or (s, s) from one value.</summary>
    public AdaptiveAvgPool2d(params int[] outputSize) => OutputSize = Functional.Pair(outputSize, 1, "AdaptiveAvgPool2d output_size");

    /// <summary>(outH, outW).</summary>
    public int[] OutputSize { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, OutputSize);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"output_size={Py(OutputSize)}";
}
