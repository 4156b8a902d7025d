namespace DlPath.Learn.Trees;

/// <summary>A CART classification tree (scikit-learn's <c>DecisionTreeClassifier</c>): greedy binary splits <c>x_f ≤ t</c> that most reduce Gini impurity or entropy.</summary>
public sealed class DecisionTreeClassifier : Classifier
{
    /// <summary>Gini (default) or entropy.</summary>
    [HyperParameter]
    public SplitCriterion Criterion { get; set; } = SplitCriterion.Gini;

    /// <summary>Maximum depth (null: grow until pure or too small).</summary>
    [HyperParameter]
    public int? MaxDepth { get; set; }

    /// <summary>Minimum samples a node needs to be split. Default 2.</summary>
    [HyperParameter]
    public int MinSamplesSplit { get; set; } = 2;

    /// <summary>Minimum samples in each leaf. Default 1.</summary>
    [HyperParameter]
    public int MinSamplesLeaf { get; set; } = 1;

    /// <summary>Features considered per split. Default all.</summary>
    [HyperParameter]
    public MaxFeatures MaxFeatures { get; set; } = MaxFeatures.All;

    /// <summary>Seed for the feature order / subsets (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>The fitted tree.</summary>
    public TreeModel? Tree { get; private set; }

    /// <summary>Normalised total impurity decrease per feature.</summary>
    public double[] FeatureImportances { get; private set; } = [];

    /// <inheritdoc />
    protected override int MinClasses => 1;

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        if (Criterion == SplitCriterion.SquaredError)
        {
            throw new ArgumentException($"{Name}: criterion SquaredError is for regression; use Gini or Entropy");
        }
        var (columns, presorted) = TreeBuilder.Prepare(x);
        var weight = Enumerable.Repeat(1.0, y.Length).ToArray();
        var (tree, importance) = TreeFitting.Fit(this, Criterion, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MaxFeatures, RandomState is int s ? new Random(s) : new Random(),
            columns, presorted, y.Select(v => (double)v).ToArray(), weight, classCount);
        Tree = tree;
        FeatureImportances = importance;
    }

    internal void FitWeighted(double[][] columns, int[][] presorted, double[] y, double[] weight, int classCount, double[] classes, int featureCount, Random random)
    {
        var (tree, importance) = TreeFitting.Fit(this, Criterion, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MaxFeatures, random, columns, presorted, y, weight, classCount);
        Tree = tree;
        FeatureImportances = importance;
        SetFitted(classes, featureCount);
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        int n = x.GetLength(0), k = Classes.Length;
        var p = new double[n, k];
        var row = new double[x.GetLength(1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = x[i, j];
            }
            var v = Tree!.Value[Tree.Apply(row)];
            for (int c = 0; c < k; c++)
            {
                p[i, c] = v[c];
            }
        }
        return p;
    }
}
