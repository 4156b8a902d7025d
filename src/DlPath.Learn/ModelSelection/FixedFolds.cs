namespace DlPath.Learn.ModelSelection;

/// <summary>Folds given explicitly (e.g. recorded from scikit-learn so both libraries score the same splits).</summary>
public sealed class FixedFolds : ICrossValidator
{
    private readonly (int[] Train, int[] Test)[] _folds;

    /// <summary>Creates the splitter from (train, test) index pairs.</summary>
    public FixedFolds(IEnumerable<(int[] Train, int[] Test)> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        _folds = [.. folds];
        if (_folds.Length == 0)
        {
            throw new ArgumentException("FixedFolds: no folds");
        }
    }

    /// <summary>Creates the splitter from test folds only; each training set is everything else.</summary>
    public static FixedFolds FromTestFolds(int n, IEnumerable<int[]> testFolds)
    {
        ArgumentNullException.ThrowIfNull(testFolds);
        return new FixedFolds(testFolds.Select(t =>
        {
            var test = new HashSet<int>(t);
            return (Enumerable.Range(0, n).Where(i => !test.Contains(i)).ToArray(), t);
        }));
    }

    /// <inheritdoc />
    public int NSplits => _folds.Length;

    /// <inheritdoc />
    public IEnumerable<(int[] Train, int[] Test)> Split(int n, double[]? y = null)
    {
        foreach (var (train, test) in _folds)
        {
            if (train.Concat(test).Any(i => i < 0 || i >= n))
            {
                throw new ArgumentException($"FixedFolds: a fold holds an index outside 0..{n - 1}");
            }
            yield return (train, test);
        }
    }
}
