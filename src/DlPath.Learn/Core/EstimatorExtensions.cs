using DlPath.Tensors;

namespace DlPath.Learn;

/// <summary>Convenience overloads: tensors in and out, and integer class labels.</summary>
public static class EstimatorExtensions
{
    /// <summary>Fits on a tensor X <c>[n, d]</c> and targets y <c>[n]</c> (any dtype; computed in float64).</summary>
    public static IPredictor Fit(this IPredictor estimator, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(TensorConvert.ToMatrix(x), TensorConvert.ToVector(y));
    }

    /// <summary>Fits with integer class labels.</summary>
    public static IPredictor Fit(this IPredictor estimator, double[,] x, int[] y)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(x, TensorConvert.ToDouble(y));
    }

    /// <summary>Predictions as a float64 tensor <c>[n]</c>.</summary>
    public static Tensor Predict(this IPredictor estimator, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return TensorConvert.ToTensor(estimator.Predict(TensorConvert.ToMatrix(x)));
    }

    /// <summary>Predicted class labels as integers (labels must be whole numbers).</summary>
    public static int[] PredictLabels(this IClassifier classifier, double[,] x)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return Array.ConvertAll(classifier.Predict(x), v => (int)v);
    }

    /// <summary>Class probabilities as a float64 tensor <c>[n, K]</c>.</summary>
    public static Tensor PredictProba(this IClassifier classifier, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return TensorConvert.ToTensor(classifier.PredictProba(TensorConvert.ToMatrix(x)));
    }

    /// <summary>Score on tensors.</summary>
    public static double Score(this IPredictor estimator, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Score(TensorConvert.ToMatrix(x), TensorConvert.ToVector(y));
    }

    /// <summary>Score with integer class labels.</summary>
    public static double Score(this IPredictor estimator, double[,] x, int[] y)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Score(x, TensorConvert.ToDouble(y));
    }

    /// <summary>Fits a transformer on a tensor.</summary>
    public static ITransformer Fit(this ITransformer transformer, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return transformer.Fit(TensorConvert.ToMatrix(x));
    }

    /// <summary>Transforms a tensor; the result is float64.</summary>
    public static Tensor Transform(this ITransformer transformer, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return TensorConvert.ToTensor(transformer.Transform(TensorConvert.ToMatrix(x)));
    }

    /// <summary>Fits then transforms a tensor.</summary>
    public static Tensor FitTransform(this ITransformer transformer, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        var m = TensorConvert.ToMatrix(x);
        return TensorConvert.ToTensor(transformer.Fit(m).Transform(m));
    }
}
