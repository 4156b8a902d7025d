namespace DlPath.Course.Review.Generators;

/// <summary>Gradient of the squared error ‖Xw - y‖² with respect to w: 2Xᵀ(Xw - y).</summary>
public sealed class LeastSquaresGradientGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "least-squares-gradient";

    /// <inheritdoc />
    public string Title => "Gradient of the least-squares loss";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = new long[3, 2];
        var y = new long[3];
        var w = new long[] { random.Next(-2, 3), random.Next(-2, 3) };
        for (int i = 0; i < 3; i++)
        {
            x[i, 0] = random.Next(-2, 4);
            x[i, 1] = random.Next(-2, 4);
            y[i] = random.Next(-3, 4);
        }

        var r = new long[3];
        for (int i = 0; i < 3; i++)
        {
            r[i] = x[i, 0] * w[0] + x[i, 1] * w[1] - y[i];
        }

        long g0 = 2 * (x[0, 0] * r[0] + x[1, 0] * r[1] + x[2, 0] * r[2]);
        long g1 = 2 * (x[0, 1] * r[0] + x[1, 1] * r[1] + x[2, 1] * r[2]);
        string xs = $"[[{x[0, 0]}, {x[0, 1]}], [{x[1, 0]}, {x[1, 1]}], [{x[2, 0]}, {x[2, 1]}]]";
        return new GeneratedQuestion(
            Id,
            $"L(w) = ‖Xw - y‖² with X = {xs}, y = ({y[0]}, {y[1]}, {y[2]}). ∇L at w = ({w[0]}, {w[1]})? Answer: g1, g2.",
            AnswerKey.Exact(g0, g1),
            $"Residual r = Xw - y = ({r[0]}, {r[1]}, {r[2]}); ∇L = 2Xᵀr = ({g0}, {g1}).");
    }
}
