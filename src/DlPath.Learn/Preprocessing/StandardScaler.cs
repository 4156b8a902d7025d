namespace DlPath.Learn.Preprocessing;

/// <summary>
/// Standardises each feature to mean 0 and standard deviation 1 (scikit-learn's <c>StandardScaler</c>).
/// <see cref="Ddof"/> = 1 uses the sample standard deviation, as the course's <c>featureNormalize</c> (MATLAB's <c>std</c>).
/// A constant feature keeps scale 1, as in scikit-learn.
/// </summary>
public sealed class StandardScaler : Transformer
{
    /// <summary>Subtract the mean. Default true.</summary>
    [HyperParameter]
    public bool WithMean { get; set; } = true;

    /// <summary>Divide by the standard deviation. Default true.</summary>
    [HyperParameter]
    public bool WithStd { get; set; } = true;

    /// <summary>Delta degrees of freedom of the standard deviation: 0 (scikit-learn) or 1 (the course). Default 0.</summary>
    [HyperParameter]
    public int Ddof { get; set; }

    /// <summary>Per-feature mean (scikit-learn's <c>mean_</c>).</summary>
    public double[] Mean { get; private set; } = [];

    /// <summary>Per-feature scale (scikit-learn's <c>scale_</c>).</summary>
    public double[] Scale { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (Ddof < 0 || Ddof >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(Ddof), Ddof, $"{Name}: Ddof must be in 0..{n - 1} for {n} samples");
        }
        Mean = LinAlg.ColumnMeans(x);
        Scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double t = x[i, j] - Mean[j];
                s += t * t;
            }
            double sd = Math.Sqrt(s / (n - Ddof));
            Scale[j] = WithStd && sd > 10 * double.Epsilon * Math.Max(1, Math.Abs(Mean[j])) ? sd : 1;
        }
    }

    /// <inheritdoc />
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = (x[i, j] - (WithMean ? Mean[j] : 0)) / Scale[j];
            }
        }
        return r;
    }

    /// <summary>Undoes the scaling.</summary>
    public double[,] InverseTransform(double[,] x)
    {
        EnsureFitted("InverseTransform");
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != FeatureCount)
        {
            throw new ArgumentException($"{Name}.InverseTransform: X has {d} features but the scaler was fitted with {FeatureCount}");
        }
        var r = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                r[i, j] = x[i, j] * Scale[j] + (WithMean ? Mean[j] : 0);
            }
        }
        return r;
    }
}
