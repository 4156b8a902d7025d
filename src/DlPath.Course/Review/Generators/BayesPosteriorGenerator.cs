namespace DlPath.Course.Review.Generators;

/// <summary>Bayes' rule on a diagnostic test: P(condition | positive).</summary>
public sealed class BayesPosteriorGenerator : INumericGenerator
{
    private static readonly int[] s_prevalenceOneIn = [10, 20, 50, 100, 200, 1000];

    /// <inheritdoc />
    public string Id => "bayes-posterior";

    /// <inheritdoc />
    public string Title => "Bayes-rule posterior of a test result";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int oneIn = s_prevalenceOneIn[random.Next(s_prevalenceOneIn.Length)];
        int sensitivity = random.Next(80, 100);   // percent
        int falsePositive = random.Next(1, 11);   // percent
        var prior = new Fraction(1, oneIn);
        var tp = new Fraction(sensitivity, 100) * prior;
        var fp = new Fraction(falsePositive, 100) * (1 - prior);
        var posterior = tp / (tp + fp);
        return new GeneratedQuestion(
            Id,
            $"A condition affects 1 in {oneIn} people. A test detects it {sensitivity}% of the time and is falsely positive " +
            $"for {falsePositive}% of healthy people. P(condition | positive)? Answer: a fraction or a decimal (3+ places).",
            AnswerKey.Exact(posterior),
            $"P = P(+|C)P(C) / [P(+|C)P(C) + P(+|¬C)P(¬C)] = {tp} / ({tp} + {fp}) = {posterior} ≈ {posterior.ToDouble():0.####}.");
    }
}
