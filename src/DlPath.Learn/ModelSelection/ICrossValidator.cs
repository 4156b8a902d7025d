namespace DlPath.Learn.ModelSelection;

/// <summary>Splits sample indices into (train, test) folds (scikit-learn's CV splitters).</summary>
public interface ICrossValidator
{
    /// <summary>Number of folds.</summary>
    int NSplits { get; }

    /// <summary>The folds for n samples; <paramref name="y"/> is used by stratified splitters.</summary>
    IEnumerable<(int[] Train, int[] Test)> Split(int n, double[]? y = null);
}
