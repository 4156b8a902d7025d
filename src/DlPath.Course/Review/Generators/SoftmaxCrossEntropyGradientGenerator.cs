namespace DlPath.Course.Review.Generators;

/// <summary>Gradient of softmax cross-entropy with respect to the logits: softmax(z) - onehot(y).</summary>
public sealed class SoftmaxCrossEntropyGradientGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "softmax-ce-gradient";

    /// <inheritdoc />
    public string Title => "Softmax cross-entropy gradient for given logits";

    /// <summary>softmax(z) - onehot(target), computed stably.</summary>
    public static double[] Gradient(IReadOnlyList<double> logits, int target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        double max = logits.Max();
        double[] e = [.. logits.Select(z => Math.Exp(z - max))];
        double sum = e.Sum();
        double[] g = [.. e.Select(v => v / sum)];
        g[target] -= 1;
        return g;
    }

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int k = random.Next(3, 5);
        double[] z = [.. Enumerable.Range(0, k).Select(_ => (double)random.Next(-2, 4))];
        int y = random.Next(k);
        var g = Gradient(z, y);
        return new GeneratedQuestion(
            Id,
            $"Logits z = ({string.Join(", ", z)}), true class y = {y} (0-based). Gradient of the cross-entropy loss " +
            $"-log softmax(z)[y] with respect to z? Answer: {k} decimals with 3+ places.",
            AnswerKey.Real(g),
            "∂L/∂z = softmax(z) - onehot(y): subtract 1 at the true class.");
    }
}
