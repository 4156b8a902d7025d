namespace DlPath.Course.Review.Generators;

/// <summary>Mean and variance of a small discrete distribution.</summary>
public sealed class ExpectationVarianceGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "expectation-variance";

    /// <inheritdoc />
    public string Title => "Mean and variance of a discrete random variable";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // Three distinct values with probabilities in tenths that sum to 1.
        var values = new SortedSet<int>();
        while (values.Count < 3)
        {
            values.Add(random.Next(-3, 7));
        }

        int p1 = random.Next(1, 8), p2 = random.Next(1, 9 - p1);
        int[] tenths = [p1, p2, 10 - p1 - p2];
        int[] xs = [.. values];
        Fraction mean = 0, second = 0;
        for (int i = 0; i < 3; i++)
        {
            var p = new Fraction(tenths[i], 10);
            mean += p * xs[i];
            second += p * xs[i] * xs[i];
        }

        var variance = second - mean * mean;
        string dist = string.Join(", ", xs.Select((x, i) => $"P(X={x}) = 0.{tenths[i]}"));
        return new GeneratedQuestion(
            Id,
            $"{dist}. E[X] and Var[X]? Answer: mean, variance.",
            AnswerKey.Exact(mean, variance),
            $"E[X] = Σ x p = {mean}; E[X²] = {second}; Var = E[X²] - E[X]² = {variance}.");
    }
}
