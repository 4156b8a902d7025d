namespace DlPath.Course.Review.Generators;

/// <summary>One step of gradient descent on f(x, y) = a x² + b y² + c x.</summary>
public sealed class GradientDescentStepGenerator : INumericGenerator
{
    private static readonly Fraction[] s_rates = [new(1, 10), new(1, 20), new(1, 4), new(1, 100), new(1, 5)];

    /// <inheritdoc />
    public string Id => "gradient-descent-step";

    /// <inheritdoc />
    public string Title => "One gradient-descent step";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long a = random.Next(1, 5), b = random.Next(1, 5), c = random.Next(-4, 5);
        long x = random.Next(-4, 5), y = random.Next(-4, 5);
        var lr = s_rates[random.Next(s_rates.Length)];
        Fraction gx = 2 * a * x + c, gy = 2 * b * y;
        var nx = x - lr * gx;
        var ny = y - lr * gy;
        return new GeneratedQuestion(
            Id,
            $"f(x, y) = {a}x² + {b}y² + {c}x. One gradient-descent step from ({x}, {y}) with learning rate {lr.ToDouble():0.###}? Answer: x', y'.",
            AnswerKey.Exact(nx, ny),
            $"∇f = (2·{a}x + {c}, 2·{b}y) = ({gx}, {gy}); (x, y) - η∇f = ({nx}, {ny}).");
    }
}
