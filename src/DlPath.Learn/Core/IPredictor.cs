namespace DlPath.Learn;

/// <summary>A supervised estimator: <c>Fit(X, y)</c>, <c>Predict(X)</c>, <c>Score(X, y)</c>.</summary>
/// <remarks>X is <c>[n_samples, n_features]</c>; y holds one target per row (class labels as doubles for classifiers, as NumPy does).</remarks>
public interface IPredictor : IEstimator
{
    /// <summary>Learns from X <c>[n, d]</c> and targets y <c>[n]</c>; returns this estimator.</summary>
    IPredictor Fit(double[,] x, double[] y);

    /// <summary>One prediction per row of X.</summary>
    double[] Predict(double[,] x);

    /// <summary>Accuracy for classifiers, R² for regressors (as scikit-learn's <c>score</c>).</summary>
    double Score(double[,] x, double[] y);
}
