namespace DlPath.Learn.ModelSelection;

/// <summary>
/// Folds that keep each class's proportion (scikit-learn 1.2's <c>StratifiedKFold</c> allocation): classes are
/// numbered by first appearance, the sorted labels are dealt round-robin to the folds to fix how many of each
/// class every fold gets, and each class's samples are then assigned to folds in order (shuffled with
/// <see cref="Shuffle"/>). Without shuffling the folds are the same as scikit-learn's.
/// </summary>
public sealed class StratifiedKFold : ICrossValidator
{
    /// <summary>Creates a splitter.</summary>
    public StratifiedKFold(int nSplits = 5, bool shuffle = false, int? randomState = null)
    {
        Check.AtLeast("StratifiedKFold", nameof(nSplits), nSplits, 2);
        NSplits = nSplits;
        Shuffle = shuffle;
        RandomState = randomState;
    }

    /// <inheritdoc />
    public int NSplits { get; }

    /// <summary>Shuffle each class's fold assignment.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffle.</summary>
    public int? RandomState { get; }

    /// <inheritdoc />
    public IEnumerable<(int[] Train, int[] Test)> Split(int n, double[]? y = null)
    {
        if (y == null || y.Length != n)
        {
            throw new ArgumentException($"StratifiedKFold: needs the labels y of all {n} samples");
        }
        // Class numbers by order of first appearance.
        var firstSeen = new Dictionary<double, int>();
        var encoded = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!firstSeen.TryGetValue(y[i], out int c))
            {
                c = firstSeen.Count;
                firstSeen[y[i]] = c;
            }
            encoded[i] = c;
        }
        int classes = firstSeen.Count;
        var counts = new int[classes];
        foreach (var c in encoded)
        {
            counts[c]++;
        }
        if (counts.Max() < NSplits)
        {
            throw new ArgumentException($"StratifiedKFold: NSplits = {NSplits} is larger than the biggest class ({counts.Max()} samples)");
        }
        var sorted = encoded.Order().ToArray();
        var allocation = new int[NSplits, classes];
        for (int i = 0; i < n; i++)
        {
            allocation[i % NSplits, sorted[i]]++;
        }
        var rng = RandomState is int s ? new Random(s) : new Random();
        var testFold = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var folds = new List<int>();
            for (int f = 0; f < NSplits; f++)
            {
                folds.AddRange(Enumerable.Repeat(f, allocation[f, c]));
            }
            var arr = folds.ToArray();
            if (Shuffle)
            {
                rng.Shuffle(arr);
            }
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                if (encoded[i] == c)
                {
                    testFold[i] = arr[k++];
                }
            }
        }
        for (int f = 0; f < NSplits; f++)
        {
            var test = Enumerable.Range(0, n).Where(i => testFold[i] == f).ToArray();
            var train = Enumerable.Range(0, n).Where(i => testFold[i] != f).ToArray();
            yield return (train, test);
        }
    }
}
