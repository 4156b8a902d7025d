using System.Globalization;
using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 1: linear regression. Part one predicts a food truck's profit from a city's population (ex1data1),
/// part two a house price from its size and bedroom count (ex1data2), by gradient descent and by the normal equation.
/// </summary>
public static class Ex1LinearRegression
{
    /// <summary>J(θ) = 1/(2m) Σ (Xθ − y)², the course's <c>computeCost</c>.</summary>
    public static double ComputeCost(Matrix<double> x, Vector<double> y, Vector<double> theta)
    {
        var residual = x * theta - y;
        return residual.DotProduct(residual) / (2.0 * y.Count);
    }

    /// <summary>
    /// Batch gradient descent θ ← θ − α/m Xᵀ(Xθ − y), returning θ and the cost after each step (<c>gradientDescent</c>).
    /// </summary>
    public static (Vector<double> Theta, double[] History) GradientDescent(Matrix<double> x, Vector<double> y, Vector<double> theta, double alpha, int iterations)
    {
        var history = new double[iterations];
        var t = theta.Clone();
        int m = y.Count;
        for (int it = 0; it < iterations; it++)
        {
            t -= alpha / m * (x.TransposeThisAndMultiply(x * t - y));
            history[it] = ComputeCost(x, y, t);
        }
        return (t, history);
    }

    /// <summary>Column-wise (X − μ)/σ with σ the N−1 standard deviation, as <c>featureNormalize</c>.</summary>
    public static (Matrix<double> Normalized, double[] Mu, double[] Sigma) FeatureNormalize(Matrix<double> x)
    {
        var mu = new double[x.ColumnCount];
        var sigma = new double[x.ColumnCount];
        var result = x.Clone();
        for (int j = 0; j < x.ColumnCount; j++)
        {
            var col = x.Column(j);
            mu[j] = col.Average();
            sigma[j] = Mx.Std(col);
            result.SetColumn(j, (col - mu[j]) / sigma[j]);
        }
        return (result, mu, sigma);
    }

    /// <summary>θ = (XᵀX)⁻¹Xᵀy, computed as a least-squares solve (the script's <c>pinv(X'*X)*X'*y</c>).</summary>
    public static Vector<double> NormalEquation(Matrix<double> x, Vector<double> y) =>
        x.TransposeThisAndMultiply(x).PseudoInverse() * x.TransposeThisAndMultiply(y);

    /// <summary>Runs ex1.m and ex1_multi.m.</summary>
    public static Ex1Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex1");

        // ----- ex1.m: one variable -----
        var d1 = Mx.From(data.Text("ex1/ex1data1.txt"));
        var population = d1.Column(0);
        var profit = d1.Column(1);
        var x = Mx.AddOnes(population.ToColumnMatrix());
        double costZero = ComputeCost(x, profit, Mx.V.Dense(2));
        double costMinusOneTwo = ComputeCost(x, profit, Mx.V.DenseOfArray([-1, 2]));
        var (theta, history) = GradientDescent(x, profit, Mx.V.Dense(2), 0.01, 1500);
        // Populations are in units of 10,000 and profits in $10,000s.
        double profit35 = Mx.V.DenseOfArray([1, 3.5]).DotProduct(theta) * 10000;
        double profit70 = Mx.V.DenseOfArray([1, 7]).DotProduct(theta) * 10000;

        plots.Draw("data_and_fit.png", path =>
        {
            using var fig = new Figure("Food truck profit vs city population", "Population of City in 10,000s", "Profit in $10,000s");
            fig.Points(population.ToArray(), profit.ToArray(), "Training data", ScottPlot.MarkerShape.Cross, ScottPlot.Colors.Red);
            double lo = population.Minimum(), hi = population.Maximum();
            fig.Line([lo, hi], [theta[0] + theta[1] * lo, theta[0] + theta[1] * hi], "Linear regression", ScottPlot.Colors.Blue);
            fig.SavePng(path);
        });
        plots.Draw("cost_history.png", path => Charts.Lines(path, "Gradient descent (α = 0.01)", "Iteration", "Cost J",
            [new("J(θ)", Enumerable.Range(1, history.Length).Select(i => (double)i).ToArray(), history)]));
        if (plots.Enabled)
        {
            // J over a grid of θ, as the script's surf/contour: 20 log-spaced contours between 0.01 and 1000.
            var t0 = Grid.Linspace(-10, 10, 100);
            var t1 = Grid.Linspace(-1, 4, 100);
            var j = Grid.Evaluate(t0, t1, (a, b) => ComputeCost(x, profit, Mx.V.DenseOfArray([a, b])));
            var levels = Enumerable.Range(0, 20).Select(k => Math.Pow(10, -2 + 5.0 * k / 19)).ToArray();
            plots.Draw("cost_contour.png", path =>
            {
                using var fig = new Figure("Cost J(θ) contours and the minimum found", "θ₀", "θ₁");
                fig.Contour(t0, t1, j, levels);
                fig.Points([theta[0]], [theta[1]], "θ after gradient descent", ScottPlot.MarkerShape.Eks, ScottPlot.Colors.Red, 12);
                fig.SavePng(path);
            });
            plots.Draw("cost_surface_heatmap.png", path =>
            {
                // A heat map of log10 J stands in for the script's 3-D surface (rows: θ₁ from high to low).
                var logJ = new double[t1.Length, t0.Length];
                for (int r = 0; r < t1.Length; r++)
                {
                    for (int c = 0; c < t0.Length; c++)
                    {
                        logJ[r, c] = Math.Log10(j[c, t1.Length - 1 - r]);
                    }
                }
                // Label every 11th grid line with its θ value (the grid has 100 points per axis).
                string Label(double v, int k) => k % 11 == 0 ? v.ToString("0.#", CultureInfo.InvariantCulture) : "";
                var rowLabels = Enumerable.Range(0, t1.Length).Select(r => Label(t1[t1.Length - 1 - r], r)).ToList();
                var columnLabels = Enumerable.Range(0, t0.Length).Select(c => Label(t0[c], c)).ToList();
                Charts.Heatmap(path, logJ, "log10 J(θ₀, θ₁): θ₀ across, θ₁ up", rowLabels, columnLabels);
            });
        }

        // ----- ex1_multi.m: several variables -----
        var d2 = Mx.From(data.Text("ex1/ex1data2.txt"));
        var features = d2.SubMatrix(0, d2.RowCount, 0, 2);
        var price = d2.Column(2);
        var (norm, mu, sigma) = FeatureNormalize(features);
        var xn = Mx.AddOnes(norm);
        var (thetaMulti, historyMulti) = GradientDescent(xn, price, Mx.V.Dense(3), 0.01, 400);
        var house = Mx.V.DenseOfArray([1, (1650 - mu[0]) / sigma[0], (3 - mu[1]) / sigma[1]]);
        double priceGd = house.DotProduct(thetaMulti);
        var thetaNormal = NormalEquation(Mx.AddOnes(features), price);
        double priceNormal = Mx.V.DenseOfArray([1, 1650, 3]).DotProduct(thetaNormal);
        plots.Draw("multi_cost_history.png", path => Charts.Lines(path, "Gradient descent on normalised features (α = 0.01)", "Number of iterations", "Cost J",
            [new("J(θ)", Enumerable.Range(1, historyMulti.Length).Select(i => (double)i).ToArray(), historyMulti)]));

        return new Ex1Result
        {
            CostAtZero = costZero,
            CostAtMinusOneTwo = costMinusOneTwo,
            ThetaGradientDescent = theta.ToArray(),
            CostHistory = history,
            ProfitFor35000 = profit35,
            ProfitFor70000 = profit70,
            MultiMu = mu,
            MultiSigma = sigma,
            MultiThetaGradientDescent = thetaMulti.ToArray(),
            MultiCostHistory = historyMulti,
            MultiPriceGradientDescent = priceGd,
            MultiThetaNormalEquation = thetaNormal.ToArray(),
            MultiPriceNormalEquation = priceNormal,
            Plots = plots.Written,
        };
    }
}
