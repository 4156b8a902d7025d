using DlPath.Learn.Linear;
using DlPath.Learn.Optimization;
using DlPath.Learn.Preprocessing;

namespace DlPath.Learn.Tests;

public sealed class LogisticRegressionTests
{
    private static (double[,] X, double[] Y) Ex2(string file)
    {
        var data = TestData.Text($"ex2/{file}");
        return (TestData.Columns(data, 0, 2), TestData.Column(data, 2));
    }

    [Fact]
    public void Ex2CostAndGradientMatchTheCourseScript()
    {
        var (x, y) = Ex2("ex2data1.txt");
        var design = LinAlg.AddOnes(x);
        var (j0, g0) = LogisticCost.CostAndGradient(design, y, [0, 0, 0]);
        Assert.Equal(0.693, j0, 3);
        Assert.Equal(-0.1000, g0[0], 4);
        Assert.Equal(-12.0092, g0[1], 4);
        Assert.Equal(-11.2628, g0[2], 4);
        var (j1, g1) = LogisticCost.CostAndGradient(design, y, [-24, 0.2, 0.2]);
        Assert.Equal(0.218, j1, 3);
        Assert.Equal(0.043, g1[0], 3);
        Assert.Equal(2.566, g1[1], 3);
        Assert.Equal(2.647, g1[2], 3);
    }

    [Theory]
    [InlineData(Solver.Lbfgs)]
    [InlineData(Solver.ConjugateGradient)]
    public void Ex2OptimisedModelMatchesTheCourseScript(Solver solver)
    {
        var (x, y) = Ex2("ex2data1.txt");
        var design = LinAlg.AddOnes(x);
        CostFunction cost = t => LogisticCost.CostAndGradient(design, y, t);
        var result = solver == Solver.Lbfgs ? Lbfgs.Minimize(cost, new double[3], 400) : Fmincg.Minimize(cost, new double[3], 400);
        Assert.Equal(0.203, result.Cost, 3);
        // Admission probability for exam scores 45 and 85: 0.775 +/- 0.002; training accuracy 89 %.
        double p = LogisticCost.Sigmoid(result.Theta[0] + 45 * result.Theta[1] + 85 * result.Theta[2]);
        Assert.InRange(p, 0.773, 0.777);
        var model = new LogisticRegression { Penalty = Penalty.None, Solver = solver, MaxIter = 400 };
        model.Fit(x, y);
        Assert.Equal(0.89, model.Score(x, y), 2);
        Assert.InRange(model.PredictProba(new double[,] { { 45, 85 } })[0, 1], 0.773, 0.777);
    }

    [Fact]
    public void Ex2RegularisedCostMatchesTheCourseScript()
    {
        var (x, y) = Ex2("ex2data2.txt");
        var mapped = PolynomialFeatures.MapFeature(TestData.Column(x, 0), TestData.Column(x, 1));
        Assert.Equal(28, mapped.GetLength(1));
        var (j0, g0) = LogisticCost.CostAndGradient(mapped, y, new double[28], 1);
        Assert.Equal(0.693, j0, 3);
        double[] expected0 = [0.0085, 0.0188, 0.0001, 0.0503, 0.0115];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(expected0[k], g0[k], 4);
        }
        var (j1, g1) = LogisticCost.CostAndGradient(mapped, y, Enumerable.Repeat(1.0, 28).ToArray(), 10);
        Assert.Equal(3.16, j1, 2);
        double[] expected1 = [0.3460, 0.1614, 0.1948, 0.2269, 0.0922];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(expected1[k], g1[k], 4);
        }
        // Training accuracy at λ = 1 is 83.1 % in the course (fminunc); the same optimum here.
        var result = Lbfgs.Minimize(t => LogisticCost.CostAndGradient(mapped, y, t, 1), new double[28], 400);
        var predictions = LinAlg.MatVec(mapped, result.Theta).Select(z => z >= 0 ? 1.0 : 0.0).ToArray();
        Assert.Equal(0.831, Metrics.ClassificationMetrics.Accuracy(y, predictions), 3);
    }

    [Fact]
    public void LogisticAndSoftmaxGradientsMatchCentredDifferences()
    {
        var rng = new Random(5);
        var x = new double[15, 4];
        var y = new double[15];
        var yk = new int[15];
        for (int i = 0; i < 15; i++)
        {
            x[i, 0] = 1;
            for (int j = 1; j < 4; j++)
            {
                x[i, j] = rng.NextDouble() * 2 - 1;
            }
            y[i] = i % 2;
            yk[i] = i % 3;
        }
        double[] theta = [0.1, -0.4, 0.8, 0.3];
        var (_, g) = LogisticCost.CostAndGradient(x, y, theta, 0.7);
        Assert.True(TestData.RelativeError(g, TestData.NumericGradient(t => LogisticCost.CostAndGradient(x, y, t, 0.7).Cost, theta)) < 1e-8);

        var big = Enumerable.Range(0, 12).Select(k => Math.Sin(k + 1.0)).ToArray();
        var (_, gs) = LogisticCost.SoftmaxCostAndGradient(x, yk, 3, big, 0.7);
        Assert.True(TestData.RelativeError(gs, TestData.NumericGradient(t => LogisticCost.SoftmaxCostAndGradient(x, yk, 3, t, 0.7).Cost, big)) < 1e-8);
    }

    [Theory]
    [InlineData(MultiClassStrategy.Multinomial)]
    [InlineData(MultiClassStrategy.OneVsRest)]
    public void MultiClassSeparatesBlobsAndProbabilitiesSumToOne(MultiClassStrategy strategy)
    {
        var x = TestData.Blobs(30, [(0, 0), (4, 0), (0, 4)], 0.5, 1, out var y);
        var model = new LogisticRegression { MultiClass = strategy };
        model.Fit(x, y);
        Assert.Equal(1.0, model.Score(x, y));
        Assert.Equal(3, model.Coef.GetLength(0));
        var p = model.PredictProba(x);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(1.0, p[i, 0] + p[i, 1] + p[i, 2], 12);
        }
    }

    [Fact]
    public void StrongerRegularisationGivesSmallerWeights()
    {
        var x = TestData.Blobs(20, [(0, 0), (2, 1)], 0.8, 2, out var y);
        var loose = new LogisticRegression { C = 100 };
        var tight = new LogisticRegression { C = 0.01 };
        loose.Fit(x, y);
        tight.Fit(x, y);
        Assert.True(Math.Abs(tight.Coef[0, 0]) < Math.Abs(loose.Coef[0, 0]));
    }

    [Fact]
    public void SolversAgreeOnTheOptimum()
    {
        var x = TestData.Blobs(25, [(0, 0), (1.5, 1)], 0.9, 4, out var y);
        var a = new LogisticRegression { Solver = Solver.Lbfgs, MaxIter = 500 };
        var b = new LogisticRegression { Solver = Solver.ConjugateGradient, MaxIter = 500 };
        var c = new LogisticRegression { Solver = Solver.GradientDescent, MaxIter = 20000, LearningRate = 1 };
        a.Fit(x, y);
        b.Fit(x, y);
        c.Fit(x, y);
        Assert.Equal(a.Coef[0, 0], b.Coef[0, 0], 4);
        Assert.Equal(a.Coef[0, 0], c.Coef[0, 0], 3);
        Assert.Equal(a.Intercept[0], b.Intercept[0], 4);
    }
}
