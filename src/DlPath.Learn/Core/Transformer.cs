namespace DlPath.Learn;

/// <summary>Base of transformers: validates inputs and remembers the feature count seen by <c>Fit</c>.</summary>
public abstract class Transformer : Estimator, ITransformer
{
    /// <summary>Number of features seen by <c>Fit</c>.</summary>
    public int FeatureCount { get; private set; }

    /// <inheritdoc />
    public ITransformer Fit(double[,] x, double[]? y = null)
    {
        CheckInput($"{Name}.Fit", x);
        if (y != null && y.Length != x.GetLength(0))
        {
            throw new ArgumentException($"{Name}.Fit: X has {x.GetLength(0)} rows but y has {y.Length}");
        }
        FeatureCount = x.GetLength(1);
        FitCore(x, y);
        IsFitted = true;
        return this;
    }

    /// <inheritdoc />
    public double[,] Transform(double[,] x)
    {
        EnsureFitted("Transform");
        CheckInput($"{Name}.Transform", x);
        if (x.GetLength(1) != FeatureCount)
        {
            throw new ArgumentException($"{Name}.Transform: X has {x.GetLength(1)} features but the estimator was fitted with {FeatureCount}");
        }
        return TransformCore(x);
    }

    /// <summary><c>Fit(x, y)</c> then <c>Transform(x)</c>.</summary>
    public double[,] FitTransform(double[,] x, double[]? y = null) => Fit(x, y).Transform(x);

    /// <summary>Validates X; by default X must be finite (imputers allow NaN).</summary>
    protected virtual void CheckInput(string op, double[,] x) => Check.X(op, x);

    /// <summary>Fits on validated inputs.</summary>
    protected abstract void FitCore(double[,] x, double[]? y);

    /// <summary>Transforms validated inputs.</summary>
    protected abstract double[,] TransformCore(double[,] x);
}
