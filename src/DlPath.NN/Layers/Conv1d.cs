using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>1-D convolution over (N, C, L) sequences (<c>torch.nn.Conv1d</c>). weight: (out, in/groups, k), bias: (out).</summary>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer, initialised as torch does.</summary>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        ConvInit.CheckChannels("Conv1d", inChannels, outChannels, groups);
        (InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups) = (inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        Weight = new Parameter(Tensor.Zeros([outChannels, inChannels / groups, kernelSize], dtype));
        Bias = bias ? new Parameter(Tensor.Zeros([outChannels], dtype)) : null;
        ConvInit.Reset(Weight, Bias, generator);
    }

    /// <summary>The (out, in/groups, k) kernels.</summary>
    public Parameter Weight { get; }

    /// <summary>The (out) bias, or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel length.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on both ends.</summary>
    public int Padding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Conv1d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, kernel_size=({KernelSize},), stride=({Stride},)" + (Padding != 0 ? $", padding=({Padding},)" : string.Empty);
}
