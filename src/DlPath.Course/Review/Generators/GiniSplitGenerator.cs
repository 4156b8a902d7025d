namespace DlPath.Course.Review.Generators;

/// <summary>Gini impurity of a node and the weighted Gini impurity after a binary split.</summary>
public sealed class GiniSplitGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "gini-split";

    /// <inheritdoc />
    public string Title => "Gini impurity before and after a split";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long la = random.Next(0, 10), lb = random.Next(1, 10), ra = random.Next(1, 10), rb = random.Next(0, 10);
        long a = la + ra, b = lb + rb, n = a + b;
        static Fraction Gini(long p, long q) => 1 - new Fraction(p * p + q * q, (p + q) * (p + q));
        var parent = Gini(a, b);
        var split = new Fraction(la + lb, n) * Gini(la, lb) + new Fraction(ra + rb, n) * Gini(ra, rb);
        return new GeneratedQuestion(
            Id,
            $"A node holds {a} samples of class A and {b} of class B. A split sends ({la} A, {lb} B) left and ({ra} A, {rb} B) right. " +
            "Gini impurity of the node, and weighted Gini after the split? Answer: two fractions or decimals.",
            AnswerKey.Exact(parent, split),
            $"Gini = 1 - Σ p²: node {parent}; children weighted by size: {split}.");
    }
}
