using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 3: recognising handwritten digits with ten one-vs-all logistic classifiers, then with a given
/// two-layer network (feed-forward only).
/// </summary>
public static class Ex3MultiClass
{
    /// <summary>The script's test case: θ = (−2, −1, 1, 2), X = [1, reshape(1:15, 5, 3)/10], y = (1, 0, 1, 0, 1), λ = 3.</summary>
    public static (Matrix<double> X, Vector<double> Y, Vector<double> Theta, double Lambda) TestCase()
    {
        // reshape(1:15, 5, 3) fills column by column: column c holds 5c+1 .. 5c+5.
        var x = Mx.M.Dense(5, 4, (i, j) => j == 0 ? 1 : (5 * (j - 1) + i + 1) / 10.0);
        return (x, Mx.V.DenseOfArray([1, 0, 1, 0, 1]), Mx.V.DenseOfArray([-2, -1, 1, 2]), 3);
    }

    /// <summary>Trains one regularised logistic classifier per class (<c>oneVsAll</c>, fmincg, 50 iterations each).</summary>
    /// <returns>All θ as rows of a (classes × (n+1)) matrix.</returns>
    public static Matrix<double> OneVsAll(Matrix<double> x, int[] classes, int classCount, double lambda, int iterations = 50)
    {
        var xb = Mx.AddOnes(x);
        var allTheta = Mx.M.Dense(classCount, xb.ColumnCount);
        for (int c = 0; c < classCount; c++)
        {
            var yc = Mx.V.Dense(classes.Length, i => classes[i] == c ? 1.0 : 0.0);
            var (theta, _) = Fmincg.Minimize(t => LogisticCost.Compute(t, xb, yc, lambda), Mx.V.Dense(xb.ColumnCount), iterations);
            allTheta.SetRow(c, theta);
        }
        return allTheta;
    }

    /// <summary>The class whose classifier is most confident (<c>predictOneVsAll</c>), 0-based.</summary>
    public static int[] PredictOneVsAll(Matrix<double> allTheta, Matrix<double> x) =>
        Mx.ArgMaxRows(Mx.AddOnes(x) * allTheta.Transpose());

    /// <summary>Feed-forward prediction of a two-layer network (<c>predict</c> in ex3), 0-based class indices.</summary>
    public static int[] PredictNetwork(Matrix<double> theta1, Matrix<double> theta2, Matrix<double> x)
    {
        var a2 = Mx.AddOnes(Mx.Sigmoid(Mx.AddOnes(x) * theta1.Transpose()));
        return Mx.ArgMaxRows(Mx.Sigmoid(a2 * theta2.Transpose()));
    }

    /// <summary>Runs ex3.m and ex3_nn.m.</summary>
    public static Ex3Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex3");
        var (xt, yt, thetat, lambdat) = TestCase();
        var (costT, gradT) = LogisticCost.Compute(thetat, xt, yt, lambdat);

        var digits = CourseDigits.Load(data, "ex3/ex3data1.mat");
        var rng = new Random(options.Seed);
        var sample = Enumerable.Range(0, digits.X.RowCount).OrderBy(_ => rng.Next()).Take(100).ToArray();
        plots.Draw("digits_sample.png", path => Images.Grid(path, sample.Select(i => digits.X.Row(i).ToArray()).ToList(),
            digits.ImageHeight, digits.ImageWidth, digits.ColumnMajor, scale: digits.ImageHeight == 20 ? 2 : 5));

        var allTheta = OneVsAll(digits.X, digits.Classes, CourseDigits.ClassCount, 0.1);
        double oneVsAllAccuracy = Mx.AccuracyPercent(PredictOneVsAll(allTheta, digits.X), digits.Classes);
        plots.Draw("one_vs_all_weights.png", path => Images.Grid(path,
            Enumerable.Range(0, CourseDigits.ClassCount).Select(c => allTheta.Row(c).SubVector(1, allTheta.ColumnCount - 1).ToArray()).ToList(),
            digits.ImageHeight, digits.ImageWidth, digits.ColumnMajor, columns: 5, scale: digits.ImageHeight == 20 ? 4 : 10));

        double? networkAccuracy = null;
        if (digits.IsCourseData)
        {
            var weights = data.Mat("ex3/ex3weights.mat");
            networkAccuracy = Mx.AccuracyPercent(
                PredictNetwork(Mx.From(weights.GetMatrix("Theta1")), Mx.From(weights.GetMatrix("Theta2")), digits.X), digits.Classes);
        }

        return new Ex3Result
        {
            TestCaseCost = costT,
            TestCaseGradient = gradT.ToArray(),
            DigitsSource = digits.Source,
            Note = digits.Note is null ? null : digits.Note + "; the given network ex3weights expects 400 inputs, so its accuracy is not computed",
            OneVsAllTrainAccuracy = oneVsAllAccuracy,
            NetworkTrainAccuracy = networkAccuracy,
            Plots = plots.Written,
        };
    }
}
