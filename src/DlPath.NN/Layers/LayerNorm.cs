using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Layer normalization over the last dims (<c>torch.nn.LayerNorm</c>); weight ones, bias zeros, eps 1e-5.</summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer normalizing over trailing dims of shape <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        NormalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        Weight = elementwiseAffine ? new Parameter(Tensor.Ones(NormalizedShape, dtype)) : null;
        Bias = elementwiseAffine ? new Parameter(Tensor.Zeros(NormalizedShape, dtype)) : null;
    }

    /// <summary>Normalizes over the last dim of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
        : this([normalizedShape], eps, elementwiseAffine, dtype)
    {
    }

    /// <summary>Elementwise scale (null without affine).</summary>
    public Parameter? Weight { get; }

    /// <summary>Elementwise shift (null without affine).</summary>
    public Parameter? Bias { get; }

    /// <summary>The trailing shape normalized over.</summary>
    public int[] NormalizedShape { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, NormalizedShape, Weight?.Value, Bias?.Value, Eps);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{Py(NormalizedShape)}, eps={Eps}, elementwise_affine={Py(Weight is not null)}";
}
