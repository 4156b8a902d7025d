using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>2-D max pooling (<c>torch.nn.MaxPool2d</c>); stride defaults to the kernel size.</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer; sizes take one value for both dims or a (h, w) pair.</summary>
    public MaxPool2d(int[] kernelSize, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceilMode = false)
    {
        CeilMode = ceilMode;
        KernelSize = Functional.Pair(kernelSize, 1, "MaxPool2d kernel_size");
        Stride = stride is null || stride.Length == 0 ? KernelSize : Functional.Pair(stride, 1, "MaxPool2d stride");
        Padding = Functional.Pair(padding, 0, "MaxPool2d padding");
        Dilation = Functional.Pair(dilation, 1, "MaxPool2d dilation");
    }

    /// <summary>A square window; stride 0 means "the kernel size".</summary>
    public MaxPool2d(int kernelSize, int stride = 0, int padding = 0, int dilation = 1, bool ceilMode = false)
        : this([kernelSize], stride == 0 ? null : [stride], [padding], [dilation], ceilMode)
    {
    }

    /// <summary>(kh, kw).</summary>
    public int[] KernelSize { get; }

    /// <summary>(sh, sw).</summary>
    public int[] Stride { get; }

    /// <summary>Implicit -inf padding.</summary>
    public int[] Padding { get; }

    /// <summary>Spacing between window taps.</summary>
    public int[] Dilation { get; }

    /// <summary>Whether the output size rounds up (a last, partial window).</summary>
    public bool CeilMode { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"kernel_size={Py(KernelSize)}, stride={Py(Stride)}, padding={Py(Padding)}, dilation={Py(Dilation)}, ceil_mode={Py(CeilMode)}";
}
