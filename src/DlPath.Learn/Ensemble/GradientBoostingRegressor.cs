using DlPath.Learn.Trees;

namespace DlPath.Learn.Ensemble;

/// <summary>
/// Gradient boosting with squared error (scikit-learn's <c>GradientBoostingRegressor</c>): start from the mean,
/// then each stage fits a shallow regression tree to the residuals y − F(x) and adds it scaled by the learning rate.
/// </summary>
public sealed class GradientBoostingRegressor : Regressor
{
    /// <summary>Number of boosting stages. Default 100.</summary>
    [HyperParameter]
    public int NEstimators { get; set; } = 100;

    /// <summary>Shrinkage ν applied to each tree. Default 0.1.</summary>
    [HyperParameter]
    public double LearningRate { get; set; } = 0.1;

    /// <summary>Depth of each tree. Default 3.</summary>
    [HyperParameter]
    public int MaxDepth { get; set; } = 3;

    /// <summary>Minimum samples per leaf. Default 1.</summary>
    [HyperParameter]
    public int MinSamplesLeaf { get; set; } = 1;

    /// <summary>Fraction of samples drawn (without replacement) for each stage; 1 uses all. Default 1.</summary>
    [HyperParameter]
    public double Subsample { get; set; } = 1.0;

    /// <summary>Seed (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>The initial prediction (the training mean).</summary>
    public double Init { get; private set; }

    /// <summary>The fitted trees, one per stage.</summary>
    public IReadOnlyList<DecisionTreeRegressor> Estimators { get; private set; } = [];

    /// <summary>Training mean squared error after each stage.</summary>
    public IReadOnlyList<double> TrainScore { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[] y)
    {
        Boosting.Validate(Name, NEstimators, LearningRate, MaxDepth, Subsample);
        var rng = RandomState is int s ? new Random(s) : new Random();
        var (columns, presorted) = TreeBuilder.Prepare(x);
        int n = y.Length;
        Init = y.Average();
        var f = Enumerable.Repeat(Init, n).ToArray();
        var residual = new double[n];
        var trees = new List<DecisionTreeRegressor>();
        var scores = new List<double>();
        var rows = LinAlg.Rows(x);
        for (int stage = 0; stage < NEstimators; stage++)
        {
            for (int i = 0; i < n; i++)
            {
                residual[i] = y[i] - f[i];
            }
            var weight = Boosting.SubsampleWeights(n, Subsample, rng);
            var tree = new DecisionTreeRegressor { MaxDepth = MaxDepth, MinSamplesLeaf = MinSamplesLeaf };
            tree.FitPrepared(columns, presorted, residual, weight, new Random(rng.Next()));
            double mse = 0;
            for (int i = 0; i < n; i++)
            {
                f[i] += LearningRate * tree.Tree!.Value[tree.Tree.Apply(rows[i])][0];
                mse += (y[i] - f[i]) * (y[i] - f[i]) / n;
            }
            trees.Add(tree);
            scores.Add(mse);
        }
        Estimators = trees;
        TrainScore = scores;
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        var rows = LinAlg.Rows(x);
        var r = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double v = Init;
            foreach (var tree in Estimators)
            {
                v += LearningRate * tree.Tree!.Value[tree.Tree.Apply(rows[i])][0];
            }
            r[i] = v;
        }
        return r;
    }
}
