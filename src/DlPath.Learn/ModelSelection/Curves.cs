namespace DlPath.Learn.ModelSelection;

/// <summary>
/// The bias/variance diagnostics of the course's week 6 (ex5): learning curves (error against the number of
/// training examples) and validation curves (error against a hyper-parameter), each measured on the training
/// subset used and on a fixed validation set.
/// </summary>
public static class Curves
{
    /// <summary>Half the mean squared error, the course's J with λ = 0 — its error measure for ex5.</summary>
    public static double HalfMeanSquaredError(double[] yTrue, double[] yPred) => Metrics.RegressionMetrics.MeanSquaredError(yTrue, yPred) / 2;

    /// <summary>
    /// For each size m in <paramref name="sizes"/> (default 1..n), fits a clone on the first m training examples
    /// and returns the error on those m examples and on the whole validation set (the course's <c>learningCurve</c>).
    /// </summary>
    public static (int[] Sizes, double[] TrainError, double[] ValidationError) LearningCurve(IPredictor estimator, double[,] xTrain, double[] yTrain, double[,] xVal, double[] yVal,
        int[]? sizes = null, Func<double[], double[], double>? error = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Check.Xy("LearningCurve", xTrain, yTrain);
        Check.Xy("LearningCurve (validation)", xVal, yVal);
        error ??= HalfMeanSquaredError;
        sizes ??= Enumerable.Range(1, yTrain.Length).ToArray();
        var train = new double[sizes.Length];
        var val = new double[sizes.Length];
        for (int s = 0; s < sizes.Length; s++)
        {
            int m = sizes[s];
            if (m < 1 || m > yTrain.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), m, $"LearningCurve: size {m} is not in 1..{yTrain.Length}");
            }
            var idx = Enumerable.Range(0, m).ToArray();
            var xs = LinAlg.TakeRows(xTrain, idx);
            var ys = LinAlg.Take(yTrain, idx);
            var model = (IPredictor)estimator.Clone();
            model.Fit(xs, ys);
            train[s] = error(ys, model.Predict(xs));
            val[s] = error(yVal, model.Predict(xVal));
        }
        return (sizes, train, val);
    }

    /// <summary>
    /// For each value of hyper-parameter <paramref name="parameter"/>, fits a clone on the whole training set and
    /// returns training and validation errors (the course's <c>validationCurve</c>, e.g. over λ).
    /// </summary>
    public static (object?[] Values, double[] TrainError, double[] ValidationError) ValidationCurve(IPredictor estimator, string parameter, object?[] values, double[,] xTrain, double[] yTrain, double[,] xVal, double[] yVal,
        Func<double[], double[], double>? error = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(values);
        Check.Xy("ValidationCurve", xTrain, yTrain);
        Check.Xy("ValidationCurve (validation)", xVal, yVal);
        error ??= HalfMeanSquaredError;
        var train = new double[values.Length];
        var val = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var model = (IPredictor)estimator.Clone();
            model.SetParams(new Dictionary<string, object?> { [parameter] = values[i] });
            model.Fit(xTrain, yTrain);
            train[i] = error(yTrain, model.Predict(xTrain));
            val[i] = error(yVal, model.Predict(xVal));
        }
        return (values, train, val);
    }
}
