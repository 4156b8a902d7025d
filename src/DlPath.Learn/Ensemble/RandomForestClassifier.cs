using DlPath.Learn.Trees;

namespace DlPath.Learn.Ensemble;

/// <summary>
/// A random forest (scikit-learn's <c>RandomForestClassifier</c>): trees grown on bootstrap samples with a random
/// feature subset at each split; class probabilities are averaged over the trees.
/// </summary>
public sealed class RandomForestClassifier : Classifier
{
    /// <summary>Number of trees. Default 100.</summary>
    [HyperParameter]
    public int NEstimators { get; set; } = 100;

    /// <summary>Gini (default) or entropy.</summary>
    [HyperParameter]
    public SplitCriterion Criterion { get; set; } = SplitCriterion.Gini;

    /// <summary>Maximum depth per tree (null: unlimited).</summary>
    [HyperParameter]
    public int? MaxDepth { get; set; }

    /// <summary>Minimum samples to split a node. Default 2.</summary>
    [HyperParameter]
    public int MinSamplesSplit { get; set; } = 2;

    /// <summary>Minimum samples per leaf. Default 1.</summary>
    [HyperParameter]
    public int MinSamplesLeaf { get; set; } = 1;

    /// <summary>Features tried per split. Default √d.</summary>
    [HyperParameter]
    public MaxFeatures MaxFeatures { get; set; } = MaxFeatures.Sqrt;

    /// <summary>Train each tree on a bootstrap sample. Default true.</summary>
    [HyperParameter]
    public bool Bootstrap { get; set; } = true;

    /// <summary>Seed (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>The fitted trees.</summary>
    public IReadOnlyList<DecisionTreeClassifier> Estimators { get; private set; } = [];

    /// <summary>Mean of the trees' normalised feature importances.</summary>
    public double[] FeatureImportances { get; private set; } = [];

    /// <inheritdoc />
    protected override int MinClasses => 1;

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Check.AtLeast(Name, nameof(NEstimators), NEstimators, 1);
        var rng = RandomState is int s ? new Random(s) : new Random();
        var (columns, presorted) = TreeBuilder.Prepare(x);
        var target = y.Select(v => (double)v).ToArray();
        var trees = new List<DecisionTreeClassifier>();
        int n = y.Length, d = x.GetLength(1);
        FeatureImportances = new double[d];
        for (int t = 0; t < NEstimators; t++)
        {
            var tree = new DecisionTreeClassifier
            {
                Criterion = Criterion,
                MaxDepth = MaxDepth,
                MinSamplesSplit = MinSamplesSplit,
                MinSamplesLeaf = MinSamplesLeaf,
                MaxFeatures = MaxFeatures,
            };
            var weight = Bootstrap ? BootstrapWeights(n, rng) : Enumerable.Repeat(1.0, n).ToArray();
            tree.FitWeighted(columns, presorted, target, weight, classCount, Classes, d, new Random(rng.Next()));
            for (int j = 0; j < d; j++)
            {
                FeatureImportances[j] += tree.FeatureImportances[j] / NEstimators;
            }
            trees.Add(tree);
        }
        Estimators = trees;
    }

    internal static double[] BootstrapWeights(int n, Random rng)
    {
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[rng.Next(n)] += 1;
        }
        return w;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        int n = x.GetLength(0), k = Classes.Length;
        var p = new double[n, k];
        foreach (var tree in Estimators)
        {
            var q = tree.PredictProba(x);
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    p[i, c] += q[i, c] / Estimators.Count;
                }
            }
        }
        return p;
    }
}
