namespace DlPath.Course.Review.Generators;

/// <summary>Ordinary least-squares line through a few points: slope = cov(x, y) / var(x), intercept = ȳ - slope·x̄.</summary>
public sealed class LinearFitGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "linear-fit";

    /// <inheritdoc />
    public string Title => "Least-squares line through points";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var xs = new SortedSet<int>();
        while (xs.Count < 4)
        {
            xs.Add(random.Next(-3, 7));
        }

        int[] x = [.. xs];
        int[] y = [.. x.Select(_ => random.Next(-4, 9))];
        Fraction mx = new(x.Sum(), x.Length), my = new(y.Sum(), y.Length);
        Fraction sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        string pts = string.Join(", ", x.Select((v, i) => $"({v}, {y[i]})"));
        return new GeneratedQuestion(
            Id,
            $"Fit y = a·x + b by least squares to {pts}. Slope a and intercept b? Answer: two fractions or decimals.",
            AnswerKey.Exact(slope, intercept),
            $"x̄ = {mx}, ȳ = {my}; a = Σ(x-x̄)(y-ȳ) / Σ(x-x̄)² = {sxy}/{sxx} = {slope}; b = ȳ - a·x̄ = {intercept}.");
    }
}
