namespace DlPath.Learn.ModelSelection;

/// <summary>
/// K consecutive folds (scikit-learn's <c>KFold</c>): the first n mod k folds get one extra sample; with
/// <see cref="Shuffle"/> the indices are permuted first.
/// </summary>
public sealed class KFold : ICrossValidator
{
    /// <summary>Creates a splitter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 splits.</exception>
    public KFold(int nSplits = 5, bool shuffle = false, int? randomState = null)
    {
        Check.AtLeast("KFold", nameof(nSplits), nSplits, 2);
        NSplits = nSplits;
        Shuffle = shuffle;
        RandomState = randomState;
    }

    /// <inheritdoc />
    public int NSplits { get; }

    /// <summary>Permute the samples before splitting.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the permutation.</summary>
    public int? RandomState { get; }

    /// <inheritdoc />
    public IEnumerable<(int[] Train, int[] Test)> Split(int n, double[]? y = null)
    {
        if (NSplits > n)
        {
            throw new ArgumentException($"KFold: cannot make {NSplits} folds from {n} samples");
        }
        var index = Enumerable.Range(0, n).ToArray();
        if (Shuffle)
        {
            (RandomState is int s ? new Random(s) : new Random()).Shuffle(index);
        }
        int start = 0;
        for (int f = 0; f < NSplits; f++)
        {
            int size = n / NSplits + (f < n % NSplits ? 1 : 0);
            var test = index[start..(start + size)];
            var train = index[..start].Concat(index[(start + size)..]).ToArray();
            start += size;
            yield return (train, test);
        }
    }
}
