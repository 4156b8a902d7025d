using DlPath.Learn.Ensemble;
using DlPath.Learn.Trees;

namespace DlPath.Learn.Tests;

public sealed class TreeAndEnsembleTests
{
    private static readonly double[,] Xor = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    private static readonly double[] XorY = [0, 1, 1, 0];

    [Theory]
    [InlineData(SplitCriterion.Gini)]
    [InlineData(SplitCriterion.Entropy)]
    public void TreeLearnsXorWithTwoLevels(SplitCriterion criterion)
    {
        var tree = new DecisionTreeClassifier { Criterion = criterion, RandomState = 0 };
        tree.Fit(Xor, XorY);
        Assert.Equal(XorY, tree.Predict(Xor));
        Assert.Equal(2, tree.Tree!.Depth);
        Assert.Equal(7, tree.Tree.NodeCount);
    }

    [Fact]
    public void RootSplitIsTheBestGiniThresholdAtAMidpoint()
    {
        var x = new double[,] { { 1 }, { 2 }, { 3 }, { 10 }, { 11 }, { 12 } };
        double[] y = [0, 0, 0, 1, 1, 1];
        var tree = new DecisionTreeClassifier();
        tree.Fit(x, y);
        Assert.Equal(6.5, tree.Tree!.Threshold[0]);
        Assert.Equal(0.5, tree.Tree.Impurity[0], 12);   // Gini of a 50/50 node
        Assert.Equal(1, tree.Tree.Depth);
    }

    [Fact]
    public void DepthAndLeafLimitsAreRespected()
    {
        var x = TestData.Blobs(30, [(0, 0), (1, 1), (0, 1)], 0.6, 2, out var y);
        var shallow = new DecisionTreeClassifier { MaxDepth = 2, RandomState = 0 };
        shallow.Fit(x, y);
        Assert.True(shallow.Tree!.Depth <= 2);
        var leafy = new DecisionTreeClassifier { MinSamplesLeaf = 10, RandomState = 0 };
        leafy.Fit(x, y);
        for (int t = 0; t < leafy.Tree!.NodeCount; t++)
        {
            Assert.True(leafy.Tree.Samples[t] >= 10);
        }
        var full = new DecisionTreeClassifier { RandomState = 0 };
        full.Fit(x, y);
        Assert.Equal(1.0, full.Score(x, y));
        Assert.Equal(1.0, full.FeatureImportances.Sum(), 12);
    }

    [Fact]
    public void RegressionTreeFitsAStepFunctionExactly()
    {
        var x = new double[20, 1];
        var y = new double[20];
        for (int i = 0; i < 20; i++)
        {
            x[i, 0] = i;
            y[i] = i < 7 ? 1.5 : i < 14 ? -2 : 4;
        }
        var tree = new DecisionTreeRegressor();
        tree.Fit(x, y);
        Assert.Equal(y, tree.Predict(x));
        Assert.Equal(5, tree.Tree!.NodeCount);
    }

    [Fact]
    public void RandomForestBeatsChanceAndRanksTheInformativeFeature()
    {
        var rng = new Random(4);
        var x = new double[200, 3];
        var y = new double[200];
        for (int i = 0; i < 200; i++)
        {
            x[i, 0] = rng.NextDouble();
            x[i, 1] = rng.NextDouble();
            x[i, 2] = rng.NextDouble();
            y[i] = x[i, 1] > 0.5 ? 1 : 0;
        }
        var forest = new RandomForestClassifier { NEstimators = 30, RandomState = 0 };
        forest.Fit(x, y);
        Assert.Equal(30, forest.Estimators.Count);
        Assert.True(forest.Score(x, y) > 0.98);
        Assert.Equal(1, Array.IndexOf(forest.FeatureImportances, forest.FeatureImportances.Max()));
        var reg = new RandomForestRegressor { NEstimators = 20, RandomState = 0 };
        reg.Fit(x, TestData.Column(x, 1).Select(v => 3 * v).ToArray());
        Assert.True(reg.Score(x, TestData.Column(x, 1).Select(v => 3 * v).ToArray()) > 0.95);
    }

    [Fact]
    public void GradientBoostingLowersTheTrainingLoss()
    {
        var x = TestData.Blobs(40, [(0, 0), (2, 0), (0, 2)], 0.5, 6, out var y);
        var gb = new GradientBoostingClassifier { NEstimators = 30, RandomState = 0 };
        gb.Fit(x, y);
        // Newton leaf steps need not lower the loss at every single stage, but they must overall.
        Assert.True(gb.TrainScore[^1] < gb.TrainScore[0] / 2, $"log-loss {gb.TrainScore[0]} -> {gb.TrainScore[^1]}");
        Assert.True(gb.Score(x, y) > 0.9);
        var p = gb.PredictProba(x);
        Assert.Equal(1.0, p[0, 0] + p[0, 1] + p[0, 2], 12);

        var binary = new GradientBoostingClassifier { NEstimators = 20, RandomState = 0 };
        var yb = y.Select(v => v == 0 ? 0.0 : 1.0).ToArray();
        binary.Fit(x, yb);
        Assert.Single(binary.Init);
        Assert.True(binary.Score(x, yb) > 0.9);
    }

    [Fact]
    public void GradientBoostingRegressionStartsAtTheMeanAndFitsTheTrend()
    {
        var x = new double[50, 1];
        var y = new double[50];
        for (int i = 0; i < 50; i++)
        {
            x[i, 0] = i / 10.0;
            y[i] = Math.Sin(x[i, 0]);
        }
        var gb = new GradientBoostingRegressor { NEstimators = 100, RandomState = 0 };
        gb.Fit(x, y);
        Assert.Equal(y.Average(), gb.Init, 12);
        Assert.True(gb.Score(x, y) > 0.99);
        Assert.True(gb.TrainScore[^1] < gb.TrainScore[0]);
    }
}
