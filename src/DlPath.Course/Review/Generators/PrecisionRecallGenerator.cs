namespace DlPath.Course.Review.Generators;

/// <summary>Precision, recall and F1 from a binary confusion matrix.</summary>
public sealed class PrecisionRecallGenerator : INumericGenerator
{
    /// <inheritdoc />
    public string Id => "precision-recall";

    /// <inheritdoc />
    public string Title => "Precision, recall and F1 from a confusion matrix";

    /// <inheritdoc />
    public GeneratedQuestion Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long tp = random.Next(5, 90), fp = random.Next(1, 40), fn = random.Next(1, 40), tn = random.Next(20, 300);
        var precision = new Fraction(tp, tp + fp);
        var recall = new Fraction(tp, tp + fn);
        var f1 = new Fraction(2 * tp, 2 * tp + fp + fn);
        return new GeneratedQuestion(
            Id,
            $"A classifier's confusion matrix: TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn}. Precision, recall and F1? " +
            "Answer: three fractions or decimals (3+ places).",
            AnswerKey.Exact(precision, recall, f1),
            $"precision = TP/(TP+FP) = {tp}/{tp + fp}; recall = TP/(TP+FN) = {tp}/{tp + fn}; F1 = 2TP/(2TP+FP+FN) = {f1}.");
    }
}
