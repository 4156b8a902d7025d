using DlPath.Learn.Linear;
using DlPath.Learn.Optimization;

namespace DlPath.Learn.Tests;

public sealed class LinearRegressionTests
{
    private static (double[,] X, double[] Y) Ex1()
    {
        var data = TestData.Text("ex1/ex1data1.txt");
        return (TestData.Columns(data, 0, 1), TestData.Column(data, 1));
    }

    [Fact]
    public void Ex1CostMatchesTheCourseScript()
    {
        var (x, y) = Ex1();
        var design = LinAlg.AddOnes(x);
        Assert.Equal(32.07, LinearCost.Cost(design, y, [0, 0]), 2);
        Assert.Equal(54.24, LinearCost.Cost(design, y, [-1, 2]), 2);
    }

    [Fact]
    public void Ex1GradientDescentMatchesTheCourseScript()
    {
        var (x, y) = Ex1();
        var design = LinAlg.AddOnes(x);
        var result = GradientDescent.Minimize(t => LinearCost.CostAndGradient(design, y, t), [0, 0], 0.01, 1500);
        Assert.Equal(-3.6303, result.Theta[0], 4);
        Assert.Equal(1.1664, result.Theta[1], 4);
        Assert.Equal(1500, result.CostHistory.Count);
        // Predicted profits for populations of 35,000 and 70,000 (in $10,000s): 4519.77 and 45342.45 dollars.
        Assert.Equal(4519.77, (result.Theta[0] + 3.5 * result.Theta[1]) * 10000, 0);
        Assert.Equal(45342.45, (result.Theta[0] + 7 * result.Theta[1]) * 10000, 0);

        var model = new LinearRegression { Solver = LinearSolver.GradientDescent, LearningRate = 0.01, Iterations = 1500 };
        model.Fit(x, y);
        Assert.Equal(-3.6303, model.Intercept, 4);
        Assert.Equal(1.1664, model.Coef[0], 4);
    }

    [Fact]
    public void Ex1MultiNormalEquationAndNormalisedGradientDescentPredictTheHousePrice()
    {
        var data = TestData.Text("ex1/ex1data2.txt");
        var x = TestData.Columns(data, 0, 2);
        var y = TestData.Column(data, 2);
        var normal = new LinearRegression();
        normal.Fit(x, y);
        Assert.Equal(293081.46, normal.Predict(new double[,] { { 1650, 3 } })[0], 1);

        // ex1_multi.m: α = 0.01, 400 iterations on features normalised with MATLAB's std (n − 1).
        var gd = new LinearRegression { Solver = LinearSolver.GradientDescent, NormalizeFeatures = true, LearningRate = 0.01, Iterations = 400 };
        gd.Fit(x, y);
        Assert.Equal(289314.62, gd.Predict(new double[,] { { 1650, 3 } })[0], 0);
        Assert.True(gd.CostHistory[^1] < gd.CostHistory[0]);
    }

    [Fact]
    public void RegularisedCostGradientMatchesCentredDifferences()
    {
        var rng = new Random(3);
        var x = new double[12, 4];
        var y = new double[12];
        for (int i = 0; i < 12; i++)
        {
            x[i, 0] = 1;
            for (int j = 1; j < 4; j++)
            {
                x[i, j] = rng.NextDouble() * 4 - 2;
            }
            y[i] = rng.NextDouble() * 10;
        }
        double[] theta = [0.3, -1.2, 0.7, 2.1];
        var (_, grad) = LinearCost.CostAndGradient(x, y, theta, 1.5);
        var numeric = TestData.NumericGradient(t => LinearCost.Cost(x, y, t, 1.5), theta);
        Assert.True(TestData.RelativeError(grad, numeric) < 1e-8);
    }

    [Fact]
    public void Ex5CostAndGradientAtThetaOnes()
    {
        var mat = TestData.Mat("ex5/ex5data1.mat");
        var design = LinAlg.AddOnes(mat.GetMatrix("X"));
        var y = mat.GetNumeric("y").ToVector();
        var (j, g) = LinearCost.CostAndGradient(design, y, [1, 1], 1);
        Assert.Equal(303.993192, j, 5);
        Assert.Equal(-15.303016, g[0], 5);
        Assert.Equal(598.250744, g[1], 4);
    }

    [Fact]
    public void RidgeMatchesTheClosedFormAndShrinksWithAlpha()
    {
        var x = new double[,] { { 1, 2 }, { 2, 1 }, { 3, 5 }, { 4, 3 }, { 5, 6 } };
        double[] y = [3.1, 3.9, 8.2, 7.1, 11.0];
        var ols = new LinearRegression();
        ols.Fit(x, y);
        var ridge0 = new Ridge { Alpha = 0 };
        ridge0.Fit(x, y);
        Assert.Equal(ols.Coef[0], ridge0.Coef[0], 9);
        Assert.Equal(ols.Intercept, ridge0.Intercept, 9);
        var strong = new Ridge { Alpha = 100 };
        strong.Fit(x, y);
        Assert.True(Math.Abs(strong.Coef[0]) + Math.Abs(strong.Coef[1]) < Math.Abs(ols.Coef[0]) + Math.Abs(ols.Coef[1]));
        // The intercept is not penalised: predictions stay centred on the mean target.
        Assert.Equal(y.Average(), strong.Predict(x).Average(), 9);
    }

    [Fact]
    public void ExactLineIsRecoveredAndScoredOne()
    {
        var x = new double[,] { { 0 }, { 1 }, { 2 }, { 3 } };
        double[] y = [1, 3, 5, 7];
        var m = new LinearRegression();
        m.Fit(x, y);
        Assert.Equal(2, m.Coef[0], 10);
        Assert.Equal(1, m.Intercept, 10);
        Assert.Equal(1, m.Score(x, y), 10);
    }

    [Fact]
    public void GradientDescentDivergenceIsReported()
    {
        var x = new double[,] { { 1000 }, { 2000 }, { 3000 } };
        var m = new LinearRegression { Solver = LinearSolver.GradientDescent, LearningRate = 1, Iterations = 1000 };
        var e = Assert.Throws<ArithmeticException>(() => m.Fit(x, [1, 2, 3]));
        Assert.Contains("learning rate", e.Message);
    }
}
