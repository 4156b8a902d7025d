using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>2-D average pooling (<c>torch.nn.AvgPool2d</c>); stride defaults to the kernel size. ceil_mode is not supported.</summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer; sizes take one value for both dims or a (h, w) pair.</summary>
    public AvgPool2d(int[] kernelSize, int[]? stride = null, int[]? padding = null, bool countIncludePad = true)
    {
        KernelSize = Functional.Pair(kernelSize, 1, "AvgPool2d kernel_size");
        Stride = stride is null || stride.Length == 0 ? KernelSize : Functional.Pair(stride, 1, "AvgPool2d stride");
        Padding = Functional.Pair(padding, 0, "AvgPool2d padding");
        CountIncludePad = countIncludePad;
    }

    /// <summary>A square window; stride 0 means "the kernel size".</summary>
    public AvgPool2d(int kernelSize, int stride = 0, int padding = 0, bool countIncludePad = true)
        : this([kernelSize], stride == 0 ? null : [stride], [padding], countIncludePad)
    {
    }

    /// <summary>(kh, kw).</summary>
    public int[] KernelSize { get; }

    /// <summary>(sh, sw).</summary>
    public int[] Stride { get; }

    /// <summary>Zero padding.</summary>
    public int[] Padding { get; }

    /// <summary>Whether padded zeros count in the mean (torch's default: yes).</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, KernelSize, Stride, Padding, CountIncludePad);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"kernel_size={Py(KernelSize)}, stride={Py(Stride)}, padding={Py(Padding)}";
}
