namespace DlPath.Learn.Trees;

/// <summary>
/// Depth-first CART growth on presorted columns: every node owns a segment of each feature's sample order, kept
/// sorted by stable partitioning after each split, so a node costs O(samples · features). Samples carry weights
/// (bootstrap counts for random forests); weight 0 means absent.
/// </summary>
internal sealed class TreeBuilder
{
    public required SplitCriterion Criterion { get; init; }
    public required int? MaxDepth { get; init; }
    public required int MinSamplesSplit { get; init; }
    public required int MinSamplesLeaf { get; init; }
    public required double MinImpurityDecrease { get; init; }
    public required int FeaturesPerSplit { get; init; }
    public required Random Random { get; init; }

    private double[][] _columns = [];
    private double[] _target = [];       // class index or regression target
    private double[] _weight = [];
    private int _classes;
    private int[][] _order = [];          // per feature: sample indices, each node's segment sorted by that feature
    private bool[] _goesLeft = [];
    private int[] _buffer = [];

    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double[]> _value = [];
    private readonly List<int> _samples = [];
    private readonly List<double> _impurity = [];

    /// <summary>Per-feature total impurity decrease (weighted), for feature importances.</summary>
    public double[] Importance { get; private set; } = [];

    /// <summary>Builds a tree. <paramref name="presorted"/> (per feature, all n indices sorted by value) can be shared between trees on the same X.</summary>
    public TreeModel Build(double[][] columns, int[][] presorted, double[] target, double[] weight, int classes)
    {
        _columns = columns;
        _target = target;
        _weight = weight;
        _classes = classes;
        int d = columns.Length;
        _order = new int[d][];
        for (int f = 0; f < d; f++)
        {
            _order[f] = presorted[f].Where(i => weight[i] > 0).ToArray();
        }
        int n = _order[0].Length;
        _goesLeft = new bool[target.Length];
        _buffer = new int[n];
        Importance = new double[d];
        Grow(0, n, 0);
        return new TreeModel([.. _feature], [.. _threshold], [.. _left], [.. _right], [.. _value], [.. _samples], [.. _impurity]);
    }

    /// <summary>Column-major copy of X and each column's sorted sample order.</summary>
    public static (double[][] Columns, int[][] Presorted) Prepare(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var columns = new double[d][];
        var presorted = new int[d][];
        for (int f = 0; f < d; f++)
        {
            var col = new double[n];
            for (int i = 0; i < n; i++)
            {
                col[i] = x[i, f];
            }
            columns[f] = col;
            var order = Enumerable.Range(0, n).ToArray();
            var keys = (double[])col.Clone();
            Array.Sort(keys, order);
            // Array.Sort is not stable; order equal values by index so trees are deterministic.
            for (int i = 0; i < n;)
            {
                int j = i;
                while (j + 1 < n && keys[j + 1] == keys[i])
                {
                    j++;
                }
                if (j > i)
                {
                    Array.Sort(order, i, j - i + 1);
                }
                i = j + 1;
            }
            presorted[f] = order;
        }
        return (columns, presorted);
    }

    private int Grow(int start, int end, int depth)
    {
        int node = _feature.Count;
        var stats = new Stats(_classes);
        var samples = _order[0];
        for (int k = start; k < end; k++)
        {
            stats.Add(_target[samples[k]], _weight[samples[k]]);
        }
        double impurity = stats.Impurity(Criterion);
        _feature.Add(-1);
        _threshold.Add(0);
        _left.Add(-1);
        _right.Add(-1);
        _value.Add(stats.Value(Criterion));
        _samples.Add(end - start);
        _impurity.Add(impurity);

        int count = end - start;
        bool canSplit = count >= MinSamplesSplit && count >= 2 * MinSamplesLeaf
            && (MaxDepth is not int md || depth < md) && impurity > 1e-12;
        if (!canSplit)
        {
            return node;
        }

        var (feature, threshold, position, gain) = BestSplit(start, end, stats, impurity);
        if (feature < 0 || gain / TotalWeightRoot() + 1e-15 < MinImpurityDecrease)
        {
            return node;
        }
        Importance[feature] += Math.Max(gain, 0);

        // Partition every feature's segment stably by the split, so children stay sorted.
        var splitOrder = _order[feature];
        for (int k = start; k < end; k++)
        {
            _goesLeft[splitOrder[k]] = k < position;
        }
        for (int f = 0; f < _order.Length; f++)
        {
            var o = _order[f];
            int l = start, r = 0;
            for (int k = start; k < end; k++)
            {
                if (_goesLeft[o[k]])
                {
                    o[l++] = o[k];
                }
                else
                {
                    _buffer[r++] = o[k];
                }
            }
            Array.Copy(_buffer, 0, o, l, r);
        }
        _feature[node] = feature;
        _threshold[node] = threshold;
        int left = Grow(start, position, depth + 1);
        _left[node] = left;
        int right = Grow(position, end, depth + 1);
        _right[node] = right;
        return node;
    }

    private double _rootWeight = -1;

    private double TotalWeightRoot()
    {
        if (_rootWeight < 0)
        {
            _rootWeight = _order[0].Sum(i => _weight[i]);
        }
        return _rootWeight;
    }

    private (int Feature, double Threshold, int Position, double Gain) BestSplit(int start, int end, Stats parent, double parentImpurity)
    {
        int d = _order.Length;
        var features = Enumerable.Range(0, d).ToArray();
        Random.Shuffle(features);
        int bestFeature = -1, bestPosition = -1;
        // As scikit-learn, the best valid split is taken even when it gains nothing (XOR needs a zero-gain first split).
        double bestThreshold = 0, bestGain = double.NegativeInfinity;
        double parentWeight = parent.Weight;
        int visited = 0;
        var left = new Stats(_classes);
        foreach (int f in features)
        {
            if (visited >= FeaturesPerSplit)
            {
                break;
            }
            var o = _order[f];
            var col = _columns[f];
            if (col[o[start]] >= col[o[end - 1]])
            {
                continue;   // constant here: does not count against the budget (as scikit-learn)
            }
            visited++;
            left.Clear();
            for (int k = start; k < end - 1; k++)
            {
                int s = o[k];
                left.Add(_target[s], _weight[s]);
                double a = col[s], b = col[o[k + 1]];
                if (a >= b)
                {
                    continue;   // only between distinct values
                }
                int nLeft = k + 1 - start, nRight = end - k - 1;
                if (nLeft < MinSamplesLeaf || nRight < MinSamplesLeaf)
                {
                    continue;
                }
                var right = parent.Minus(left);
                double gain = parentWeight * parentImpurity - left.Weight * left.Impurity(Criterion) - right.Weight * right.Impurity(Criterion);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    bestFeature = f;
                    bestPosition = k + 1;
                    double mid = a / 2 + b / 2;
                    bestThreshold = mid >= b || double.IsInfinity(mid) ? a : mid;
                }
            }
        }
        return (bestFeature, bestThreshold, bestPosition, bestGain);
    }

    /// <summary>Weighted sufficient statistics of a node: class weights, or Σw, Σwy, Σwy².</summary>
    private sealed class Stats
    {
        private readonly double[] _counts;
        private double _sum;
        private double _sumSq;

        public Stats(int classes)
        {
            _counts = new double[Math.Max(classes, 0)];
        }

        public double Weight { get; private set; }

        public void Clear()
        {
            Array.Clear(_counts);
            _sum = _sumSq = Weight = 0;
        }

        public void Add(double target, double w)
        {
            Weight += w;
            if (_counts.Length > 0)
            {
                _counts[(int)target] += w;
            }
            else
            {
                _sum += w * target;
                _sumSq += w * target * target;
            }
        }

        public Stats Minus(Stats other)
        {
            var r = new Stats(_counts.Length) { Weight = Weight - other.Weight, _sum = _sum - other._sum, _sumSq = _sumSq - other._sumSq };
            for (int c = 0; c < _counts.Length; c++)
            {
                r._counts[c] = _counts[c] - other._counts[c];
            }
            return r;
        }

        public double Impurity(SplitCriterion criterion)
        {
            if (Weight <= 0)
            {
                return 0;
            }
            switch (criterion)
            {
                case SplitCriterion.Gini:
                    {
                        double s = 0;
                        foreach (var c in _counts)
                        {
                            double p = c / Weight;
                            s += p * p;
                        }
                        return 1 - s;
                    }
                case SplitCriterion.Entropy:
                    {
                        double s = 0;
                        foreach (var c in _counts)
                        {
                            if (c > 0)
                            {
                                double p = c / Weight;
                                s -= p * Math.Log2(p);
                            }
                        }
                        return s;
                    }
                default:
                    {
                        double mean = _sum / Weight;
                        return Math.Max(0, _sumSq / Weight - mean * mean);
                    }
            }
        }

        public double[] Value(SplitCriterion criterion)
        {
            if (criterion == SplitCriterion.SquaredError)
            {
                return [Weight > 0 ? _sum / Weight : 0];
            }
            return _counts.Select(c => Weight > 0 ? c / Weight : 0).ToArray();
        }
    }
}
