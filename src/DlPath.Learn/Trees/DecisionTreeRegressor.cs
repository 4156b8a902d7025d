namespace DlPath.Learn.Trees;

/// <summary>A CART regression tree (scikit-learn's <c>DecisionTreeRegressor</c>): splits that most reduce the squared error; leaves predict the mean.</summary>
public sealed class DecisionTreeRegressor : Regressor
{
    /// <summary>Maximum depth (null: unlimited).</summary>
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
    protected override void FitCore(double[,] x, double[] y)
    {
        var (columns, presorted) = TreeBuilder.Prepare(x);
        FitPrepared(columns, presorted, y, Enumerable.Repeat(1.0, y.Length).ToArray(), RandomState is int s ? new Random(s) : new Random());
    }

    internal void FitPrepared(double[][] columns, int[][] presorted, double[] y, double[] weight, Random random)
    {
        var (tree, importance) = TreeFitting.Fit(this, SplitCriterion.SquaredError, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MaxFeatures, random, columns, presorted, y, weight, 0);
        Tree = tree;
        FeatureImportances = importance;
        MarkFitted(columns.Length);
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        int n = x.GetLength(0);
        var r = new double[n];
        var row = new double[x.GetLength(1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = x[i, j];
            }
            r[i] = Tree!.Value[Tree.Apply(row)][0];
        }
        return r;
    }
}
