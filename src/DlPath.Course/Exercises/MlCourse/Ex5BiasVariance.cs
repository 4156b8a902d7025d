using System.Globalization;
using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 5: predicting the water flowing out of a dam from the change of water level (ex5data1), to study bias and
/// variance with learning curves, polynomial features and a validation curve for λ.
/// </summary>
public static class Ex5BiasVariance
{
    /// <summary>The λ values the script's <c>validationCurve</c> tries.</summary>
    public static readonly double[] LambdaValues = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    /// <summary>Regularised linear-regression cost and gradient (<c>linearRegCostFunction</c>); X includes the ones column.</summary>
    public static (double Cost, Vector<double> Gradient) Cost(Vector<double> theta, Matrix<double> x, Vector<double> y, double lambda)
    {
        int m = y.Count;
        var residual = x * theta - y;
        var reg = theta.Clone();
        reg[0] = 0;
        double cost = residual.DotProduct(residual) / (2.0 * m) + lambda / (2.0 * m) * reg.DotProduct(reg);
        var grad = x.TransposeThisAndMultiply(residual) / m + lambda / m * reg;
        return (cost, grad);
    }

    /// <summary>Minimises the cost from θ = 0 with fmincg, 200 iterations (<c>trainLinearReg</c>).</summary>
    public static Vector<double> Train(Matrix<double> x, Vector<double> y, double lambda) =>
        Fmincg.Minimize(t => Cost(t, x, y, lambda), Mx.V.Dense(x.ColumnCount), 200).X;

    /// <summary>Training error on the first i examples and validation error, for i = 1..m (<c>learningCurve</c>).</summary>
    public static (double[] Train, double[] Validation) LearningCurve(Matrix<double> x, Vector<double> y, Matrix<double> xval, Vector<double> yval, double lambda)
    {
        int m = y.Count;
        var train = new double[m];
        var val = new double[m];
        for (int i = 1; i <= m; i++)
        {
            var xi = x.SubMatrix(0, i, 0, x.ColumnCount);
            var yi = y.SubVector(0, i);
            var theta = Train(xi, yi, lambda);
            // Errors are measured without the regularisation term.
            train[i - 1] = Cost(theta, xi, yi, 0).Cost;
            val[i - 1] = Cost(theta, xval, yval, 0).Cost;
        }
        return (train, val);
    }

    /// <summary>Columns x, x², …, x^p (<c>polyFeatures</c>).</summary>
    public static Matrix<double> PolyFeatures(Vector<double> x, int p) => Mx.M.Dense(x.Count, p, (i, j) => Math.Pow(x[i], j + 1));

    /// <summary>Runs ex5.m.</summary>
    public static Ex5Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex5");
        var mat = data.Mat("ex5/ex5data1.mat");
        var xRaw = Mx.V.DenseOfArray(mat.GetNumeric("X").ToVector());
        var y = Mx.V.DenseOfArray(mat.GetNumeric("y").ToVector());
        var xvalRaw = Mx.V.DenseOfArray(mat.GetNumeric("Xval").ToVector());
        var yval = Mx.V.DenseOfArray(mat.GetNumeric("yval").ToVector());
        var xtestRaw = Mx.V.DenseOfArray(mat.GetNumeric("Xtest").ToVector());
        var ytest = Mx.V.DenseOfArray(mat.GetNumeric("ytest").ToVector());
        var x = Mx.AddOnes(xRaw.ToColumnMatrix());
        var xval = Mx.AddOnes(xvalRaw.ToColumnMatrix());

        var (costOnes, gradOnes) = Cost(Mx.V.DenseOfArray([1, 1]), x, y, 1);
        var linearTheta = Train(x, y, 0);
        var (lcTrain, lcVal) = LearningCurve(x, y, xval, yval, 0);
        var sizes = Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray();

        const string XLabel = "Change in water level (x)", YLabel = "Water flowing out of the dam (y)";
        plots.Draw("data_and_linear_fit.png", path =>
        {
            using var fig = new Figure("Linear fit (λ = 0)", XLabel, YLabel);
            fig.Points(xRaw.ToArray(), y.ToArray(), "Training data", ScottPlot.MarkerShape.Cross, ScottPlot.Colors.Red, 9);
            double lo = xRaw.Minimum() - 15, hi = xRaw.Maximum() + 25;
            fig.Line([lo, hi], [linearTheta[0] + linearTheta[1] * lo, linearTheta[0] + linearTheta[1] * hi], "Fit", ScottPlot.Colors.Blue);
            fig.SavePng(path);
        });
        plots.Draw("learning_curve_linear.png", path => Charts.Lines(path, "Learning curve for linear regression", "Number of training examples", "Error",
            [new("Train", sizes, lcTrain), new("Cross Validation", sizes, lcVal)]));

        // Degree-8 polynomial, normalised with the training set's mean and (N-1) deviation.
        const int P = 8;
        var (polyNorm, mu, sigma) = Ex1LinearRegression.FeatureNormalize(PolyFeatures(xRaw, P));
        Matrix<double> Normalize(Vector<double> v) => Mx.AddOnes(Mx.M.Dense(v.Count, P, (i, j) => (Math.Pow(v[i], j + 1) - mu[j]) / sigma[j]));
        var xPoly = Mx.AddOnes(polyNorm);
        var xPolyVal = Normalize(xvalRaw);
        var xPolyTest = Normalize(xtestRaw);
        var (polyTrain, polyVal) = LearningCurve(xPoly, y, xPolyVal, yval, 0);

        var vcTrain = new double[LambdaValues.Length];
        var vcVal = new double[LambdaValues.Length];
        var thetas = new Vector<double>[LambdaValues.Length];
        for (int k = 0; k < LambdaValues.Length; k++)
        {
            thetas[k] = Train(xPoly, y, LambdaValues[k]);
            vcTrain[k] = Cost(thetas[k], xPoly, y, 0).Cost;
            vcVal[k] = Cost(thetas[k], xPolyVal, yval, 0).Cost;
        }
        int best = Array.IndexOf(vcVal, vcVal.Min());
        double testError = Cost(thetas[best], xPolyTest, ytest, 0).Cost;

        if (plots.Enabled)
        {
            foreach (var lambda in new[] { 0.0, 1, 100 })
            {
                var theta = lambda == LambdaValues[best] ? thetas[best] : Train(xPoly, y, lambda);
                var key = lambda.ToString(CultureInfo.InvariantCulture);
                plots.Draw($"poly_fit_lambda_{key}.png", path =>
                {
                    using var fig = new Figure($"Polynomial regression fit (λ = {key})", XLabel, YLabel);
                    fig.Points(xRaw.ToArray(), y.ToArray(), "Training data", ScottPlot.MarkerShape.Cross, ScottPlot.Colors.Red, 9);
                    // plotFit: from min(x) − 15 to max(x) + 25 in steps of 0.05.
                    var grid = Grid.Linspace(xRaw.Minimum() - 15, xRaw.Maximum() + 25, 1 + (int)((xRaw.Maximum() - xRaw.Minimum() + 40) / 0.05));
                    var fit = Normalize(Mx.V.DenseOfArray(grid)) * theta;
                    fig.Line(grid, fit.ToArray(), "Fit", ScottPlot.Colors.Blue, pattern: ScottPlot.LinePattern.Dashed);
                    fig.SavePng(path);
                });
            }
            plots.Draw("learning_curve_poly_lambda_0.png", path => Charts.Lines(path, "Polynomial regression learning curve (λ = 0)",
                "Number of training examples", "Error", [new("Train", sizes, polyTrain), new("Cross Validation", sizes, polyVal)]));
            plots.Draw("validation_curve.png", path => Charts.Lines(path, "Validation curve", "λ", "Error",
                [new("Train", LambdaValues, vcTrain), new("Cross Validation", LambdaValues, vcVal)], markers: true));
        }

        return new Ex5Result
        {
            CostAtOnes = costOnes,
            GradientAtOnes = gradOnes.ToArray(),
            LinearTheta = linearTheta.ToArray(),
            LearningCurveTrainError = lcTrain,
            LearningCurveValidationError = lcVal,
            NormalizedFirstExample = xPoly.Row(0).ToArray(),
            PolyLearningCurveTrainError = polyTrain,
            PolyLearningCurveValidationError = polyVal,
            Lambdas = LambdaValues,
            ValidationCurveTrainError = vcTrain,
            ValidationCurveValidationError = vcVal,
            SelectedLambda = LambdaValues[best],
            TestError = testError,
            Plots = plots.Written,
        };
    }
}
