using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A fully connected layer y = x Wᵀ + b (<c>torch.nn.Linear</c>). x: (*, in) → y: (*, out). Initialised as torch
/// does: W ~ kaiming_uniform(a=√5), i.e. U(-1/√in, 1/√in), then b ~ U(-1/√in, 1/√in), drawn in that order.
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer and draws its initial weights from <paramref name="generator"/> (default: the global one).</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (inFeatures < 0 || outFeatures < 0) throw new ArgumentException($"Linear: feature counts must be non-negative, got in={inFeatures}, out={outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter(Tensor.Zeros([outFeatures, inFeatures], dtype));
        Bias = bias ? new Parameter(Tensor.Zeros([outFeatures], dtype)) : null;
        ResetParameters(generator);
    }

    /// <summary>The (out, in) weight matrix.</summary>
    public Parameter Weight { get; }

    /// <summary>The (out) bias, or null without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>Size of each input sample.</summary>
    public int InFeatures { get; }

    /// <summary>Size of each output sample.</summary>
    public int OutFeatures { get; }

    /// <summary>Redraws the weights as the constructor does (<c>reset_parameters</c>).</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, Math.Sqrt(5), generator: generator);
        if (Bias is not null && InFeatures > 0)
        {
            double bound = 1 / Math.Sqrt(InFeatures);
            Init.Uniform(Bias, -bound, bound, generator);
        }
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={Py(Bias is not null)}";
}
