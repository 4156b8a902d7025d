using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Inverted dropout (<c>torch.nn.Dropout</c>): in training zeroes each element with probability p and scales the
/// rest by 1/(1-p); in evaluation it is the identity. Masks come from <see cref="Generator"/> (the global one by
/// default), so a seed reproduces them, and PyTorch's.
/// </summary>
public sealed class Dropout : Module
{
    /// <summary>Creates the layer with drop probability <paramref name="p"/> (default 0.5).</summary>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: probability has to be between 0 and 1, but got {p}");
        P = p;
        Generator = generator;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>The generator masks are drawn from; null means the global one.</summary>
    public Generator? Generator { get; set; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, Training, Generator);

    /// <inheritdoc />
    protected override string ExtraRepr() => $"p={P.ToString(System.Globalization.CultureInfo.InvariantCulture)}, inplace=False";
}
