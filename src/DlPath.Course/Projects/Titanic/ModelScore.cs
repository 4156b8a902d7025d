namespace DlPath.Course.Projects.Titanic;

/// <summary>One model's cross-validation result.</summary>
/// <param name="Name">The model's name in the table.</param>
/// <param name="FoldAccuracies">Accuracy on each held-out fold.</param>
/// <param name="Seconds">Wall-clock time of its folds, fitting and predicting.</param>
public sealed record ModelScore(string Name, IReadOnlyList<double> FoldAccuracies, double Seconds)
{
    /// <summary>Mean accuracy over the folds.</summary>
    public double Mean => Stats.MeanStd(FoldAccuracies, 0).Mean;

    /// <summary>Standard deviation over the folds (numpy's <c>scores.std()</c>, ddof 0, as scikit-learn examples print).</summary>
    public double Std => Stats.MeanStd(FoldAccuracies, 0).Std;
}
