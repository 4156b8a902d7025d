namespace DlPath.Learn;

/// <summary>A transformer: <c>Fit(X)</c> then <c>Transform(X)</c> (scalers, encoders, PCA, polynomial features).</summary>
public interface ITransformer : IEstimator
{
    /// <summary>Learns what the transform needs from X (y is ignored by unsupervised transformers); returns this.</summary>
    ITransformer Fit(double[,] x, double[]? y = null);

    /// <summary>Applies the learned transform to X.</summary>
    double[,] Transform(double[,] x);

    /// <summary><c>Fit(x, y)</c> then <c>Transform(x)</c>.</summary>
    double[,] FitTransform(double[,] x, double[]? y = null) => Fit(x, y).Transform(x);
}
