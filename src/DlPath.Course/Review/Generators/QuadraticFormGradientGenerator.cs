namespace DlPath.Course.Review.Generators;

/// <summary>Gradient of f(x) = xᵀAx + bᵀx at a point: ∇f = (A + Aᵀ)x + b.</summary>
public sealed class QuadraticFormGradientGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "quadratic-form-gradient";

    /// <inheritdoc />
    public string Title => "Gradient of a quadratic form";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long a = random.Next(-3, 4), b = random.Next(-3, 4), c = random.Next(-3, 4), d = random.Next(-3, 4);
        long b1 = random.Next(-4, 5), b2 = random.Next(-4, 5);
        long x1 = random.Next(-3, 4), x2 = random.Next(-3, 4);
        long g1 = 2 * a * x1 + (b + c) * x2 + b1;
        long g2 = (b + c) * x1 + 2 * d * x2 + b2;
        return new GeneratedQuestion(
            Id,
            $"f(x) = xᵀAx + bᵀx with A = [[{a}, {b}], [{c}, {d}]], b = ({b1}, {b2}). ∇f at x = ({x1}, {x2})? Answer: g1, g2.",
            AnswerKey.Exact(g1, g2),
            $"∇f = (A + Aᵀ)x + b; A + Aᵀ = [[{2 * a}, {b + c}], [{b + c}, {2 * d}]], so ∇f = ({g1}, {g2}).");
    }
}
