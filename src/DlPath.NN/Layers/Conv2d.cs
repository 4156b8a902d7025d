using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// 2-D convolution over (N, C, H, W) images (<c>torch.nn.Conv2d</c>), computed by the fused convolution op (see
/// <see cref="Functional.Conv2d"/>: direct kernels for stride-1 float32 layers, im2col + matrix products otherwise).
/// weight: (out, in/groups, kh, kw), bias: (out).
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer; sizes take one value for both dims or a (h, w) pair. Initialised as torch does.</summary>
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, int groups = 1, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        ConvInit.CheckChannels("Conv2d", inChannels, outChannels, groups);
        KernelSize = Functional.Pair(kernelSize, 1, "Conv2d kernel_size");
        Stride = Functional.Pair(stride, 1, "Conv2d stride");
        Padding = Functional.Pair(padding, 0, "Conv2d padding");
        Dilation = Functional.Pair(dilation, 1, "Conv2d dilation");
        (InChannels, OutChannels, Groups) = (inChannels, outChannels, groups);
        Weight = new Parameter(Tensor.Zeros([outChannels, inChannels / groups, KernelSize[0], KernelSize[1]], dtype));
        Bias = bias ? new Parameter(Tensor.Zeros([outChannels], dtype)) : null;
        ConvInit.Reset(Weight, Bias, generator);
    }

    /// <summary>A square kernel with the same stride, padding and dilation in both dims.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
        : this(inChannels, outChannels, [kernelSize], [stride], [padding], [dilation], groups, bias, dtype, generator)
    {
    }

    /// <summary>The (out, in/groups, kh, kw) kernels.</summary>
    public Parameter Weight { get; }

    /// <summary>The (out) bias, or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>(kh, kw).</summary>
    public int[] KernelSize { get; }

    /// <summary>(sh, sw).</summary>
    public int[] Stride { get; }

    /// <summary>Zero padding (ph, pw) on both sides.</summary>
    public int[] Padding { get; }

    /// <summary>Spacing between kernel taps (dh, dw).</summary>
    public int[] Dilation { get; }

    /// <summary>Number of channel groups (in and out channels are split into this many independent convolutions).</summary>
    public int Groups { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);

    /// <inheritdoc />
    protected override string ExtraRepr() =>
        $"{InChannels}, {OutChannels}, kernel_size={Py(KernelSize)}, stride={Py(Stride)}" +
        (Padding.Any(p => p != 0) ? $", padding={Py(Padding)}" : string.Empty) +
        (Dilation.Any(d => d != 1) ? $", dilation={Py(Dilation)}" : string.Empty) +
        (Groups != 1 ? $", groups={Groups}" : string.Empty) +
        (Bias is null ? ", bias=False" : string.Empty);
}
