using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Returns its input (<c>torch.nn.Identity</c>): a placeholder where an architecture has an optional layer.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input;
}
