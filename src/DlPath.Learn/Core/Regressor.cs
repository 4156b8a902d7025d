namespace DlPath.Learn;

/// <summary>Base of regressors: validates inputs, remembers the feature count and scores by R².</summary>
public abstract class Regressor : Estimator, IPredictor
{
    /// <summary>Number of features seen by <c>Fit</c> (scikit-learn's <c>n_features_in_</c>).</summary>
    public int FeatureCount { get; private set; }

    /// <inheritdoc />
    public IPredictor Fit(double[,] x, double[] y)
    {
        Check.Xy($"{Name}.Fit", x, y);
        FeatureCount = x.GetLength(1);
        FitCore(x, y);
        IsFitted = true;
        return this;
    }

    /// <inheritdoc />
    public double[] Predict(double[,] x)
    {
        EnsureFitted("Predict");
        Check.Features($"{Name}.Predict", x, FeatureCount);
        return PredictCore(x);
    }

    /// <summary>The coefficient of determination R² of the predictions.</summary>
    public double Score(double[,] x, double[] y) => Metrics.RegressionMetrics.R2(y, Predict(x));

    /// <summary>Marks a regressor fitted by an ensemble that trained it directly.</summary>
    internal void MarkFitted(int featureCount)
    {
        FeatureCount = featureCount;
        IsFitted = true;
    }

    /// <summary>Fits on validated inputs.</summary>
    protected abstract void FitCore(double[,] x, double[] y);

    /// <summary>Predicts on validated inputs.</summary>
    protected abstract double[] PredictCore(double[,] x);
}
