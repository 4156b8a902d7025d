using DlPath.Learn.Trees;

namespace DlPath.Learn.Ensemble;

/// <summary>A random forest of regression trees on bootstrap samples (scikit-learn's <c>RandomForestRegressor</c>); predictions are averaged.</summary>
public sealed class RandomForestRegressor : Regressor
{
    /// <summary>Number of trees. Default 100.</summary>
    [HyperParameter]
    public int NEstimators { get; set; } = 100;

    /// <summary>Maximum depth per tree (null: unlimited).</summary>
    [HyperParameter]
    public int? MaxDepth { get; set; }

    /// <summary>Minimum samples to split a node. Default 2.</summary>
    [HyperParameter]
    public int MinSamplesSplit { get; set; } = 2;

    /// <summary>Minimum samples per leaf. Default 1.</summary>
    [HyperParameter]
    public int MinSamplesLeaf { get; set; } = 1;

    /// <summary>Features tried per split. Default all (scikit-learn's regressor default).</summary>
    [HyperParameter]
    public MaxFeatures MaxFeatures { get; set; } = MaxFeatures.All;

    /// <summary>Train each tree on a bootstrap sample. Default true.</summary>
    [HyperParameter]
    public bool Bootstrap { get; set; } = true;

    /// <summary>Seed (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>The fitted trees.</summary>
    public IReadOnlyList<DecisionTreeRegressor> Estimators { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[] y)
    {
        Check.AtLeast(Name, nameof(NEstimators), NEstimators, 1);
        var rng = RandomState is int s ? new Random(s) : new Random();
        var (columns, presorted) = TreeBuilder.Prepare(x);
        var trees = new List<DecisionTreeRegressor>();
        for (int t = 0; t < NEstimators; t++)
        {
            var tree = new DecisionTreeRegressor { MaxDepth = MaxDepth, MinSamplesSplit = MinSamplesSplit, MinSamplesLeaf = MinSamplesLeaf, MaxFeatures = MaxFeatures };
            var weight = Bootstrap ? RandomForestClassifier.BootstrapWeights(y.Length, rng) : Enumerable.Repeat(1.0, y.Length).ToArray();
            tree.FitPrepared(columns, presorted, y, weight, new Random(rng.Next()));
            trees.Add(tree);
        }
        Estimators = trees;
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        var r = new double[x.GetLength(0)];
        foreach (var tree in Estimators)
        {
            var p = tree.Predict(x);
            for (int i = 0; i < r.Length; i++)
            {
                r[i] += p[i] / Estimators.Count;
            }
        }
        return r;
    }
}
