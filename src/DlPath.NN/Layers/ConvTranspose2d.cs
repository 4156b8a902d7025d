using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Transposed 2-D convolution (<c>torch.nn.ConvTranspose2d</c>), the upsampling layer of decoders and GANs.
/// weight: (in, out/groups, kh, kw), bias: (out). Initialised as torch does (fan_in read from the weight's dim 1).
/// </summary>
public sealed class ConvTranspose2d : Module
{
    /// <summary>Creates the layer; sizes take one value for both dims or a (h, w) pair.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? outputPadding = null, int groups = 1, bool bias = true, int[]? dilation = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        ConvInit.CheckChannels("ConvTranspose2d", inChannels, outChannels, groups);
        KernelSize = Functional.Pair(kernelSize, 1, "ConvTranspose2d kernel_size");
        Stride = Functional.Pair(stride, 1, "ConvTranspose2d stride");
        Padding = Functional.Pair(padding, 0, "ConvTranspose2d padding");
        OutputPadding = Functional.Pair(outputPadding, 0, "ConvTranspose2d output_padding");
        Dilation = Functional.Pair(dilation, 1, "ConvTranspose2d dilation");
        (InChannels, OutChannels, Groups) = (inChannels, outChannels, groups);
        Weight = new Parameter(Tensor.Zeros([inChannels, outChannels / groups, KernelSize[0], KernelSize[1]], dtype));
        Bias = bias ? new Parameter(Tensor.Zeros([outChannels], dtype)) : null;
        ConvInit.Reset(Weight, Bias, generator);
    }

    /// <summary>A square kernel with the same settings in both dims.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1, DType dtype = DType.Float32, Generator? generator = null)
        : this(inChannels, outChannels, [kernelSize], [stride], [padding], [outputPadding], groups, bias, [dilation], dtype, generator)
    {
    }

    /// <summary>The (in, out/groups, kh, kw) kernels.</summary>
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

    /// <summary>Padding removed from both sides of the output.</summary>
    public int[] Padding { get; }

    /// <summary>Extra rows/columns added on one side of the output (resolves the size ambiguity of strides).</summary>
    public int[] OutputPadding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int[] Dilation { get; }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, kernel_size={Py(KernelSize)}, stride={Py(Stride)}" + (Padding.Any(p => p != 0) ? $", padding={Py(Padding)}" : string.Empty);
}
