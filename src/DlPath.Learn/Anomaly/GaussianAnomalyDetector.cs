using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Learn.Anomaly;

/// <summary>
/// Density-based anomaly detection as in the course's ex8: fit a Gaussian to the (normal) training examples —
/// one per feature (independent, the course's <c>estimateGaussian</c>) or a full-covariance multivariate one
/// (<c>multivariateGaussian</c>) — and flag examples whose density p(x) is below ε. ε comes from
/// <see cref="Epsilon"/> or from <see cref="SelectThreshold"/> on a labelled validation set (best F1).
/// Variances use 1/m as the course does.
/// </summary>
public sealed class GaussianAnomalyDetector : Transformer
{
    /// <summary>Use the full covariance matrix instead of independent features. Default false.</summary>
    [HyperParameter]
    public bool Multivariate { get; set; }

    /// <summary>Density threshold ε: p(x) &lt; ε is an anomaly. Null until set or chosen by <see cref="FitThreshold"/>.</summary>
    [HyperParameter]
    public double? Epsilon { get; set; }

    /// <summary>Per-feature mean μ.</summary>
    public double[] Mu { get; private set; } = [];

    /// <summary>Per-feature variance σ² (1/m).</summary>
    public double[] Sigma2 { get; private set; } = [];

    /// <summary>The covariance Σ used for the density (diagonal σ² when not <see cref="Multivariate"/>).</summary>
    public double[,] Covariance { get; private set; } = new double[0, 0];

    /// <summary>F1 on the validation set at the chosen ε (after <see cref="FitThreshold"/>).</summary>
    public double? ValidationF1 { get; private set; }

    private Matrix<double>? _inverse;
    private double _logNormaliser;

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        var (mu, sigma2) = EstimateGaussian(x);
        Mu = mu;
        Sigma2 = sigma2;
        int n = x.GetLength(0), d = x.GetLength(1);
        var cov = new double[d, d];
        if (Multivariate)
        {
            for (int i = 0; i < n; i++)
            {
                for (int a = 0; a < d; a++)
                {
                    for (int b = 0; b < d; b++)
                    {
                        cov[a, b] += (x[i, a] - mu[a]) * (x[i, b] - mu[b]) / n;
                    }
                }
            }
        }
        else
        {
            for (int a = 0; a < d; a++)
            {
                cov[a, a] = sigma2[a];
            }
        }
        Covariance = cov;
        var m = Matrix<double>.Build.DenseOfArray(cov);
        var det = m.Determinant();
        if (!(det > 0))
        {
            throw new ArgumentException($"{Name}.Fit: the covariance matrix is singular (determinant {det}); a feature is constant or features are collinear");
        }
        _inverse = m.Inverse();
        _logNormaliser = -0.5 * d * Math.Log(2 * Math.PI) - 0.5 * Math.Log(det);
    }

    /// <summary>The course's <c>estimateGaussian</c>: per-feature mean and variance (1/m).</summary>
    public static (double[] Mu, double[] Sigma2) EstimateGaussian(double[,] x)
    {
        Check.X("EstimateGaussian", x);
        int n = x.GetLength(0), d = x.GetLength(1);
        var mu = LinAlg.ColumnMeans(x);
        var s2 = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                s2[j] += (x[i, j] - mu[j]) * (x[i, j] - mu[j]) / n;
            }
        }
        return (mu, s2);
    }

    /// <summary>The density p(x) of each row (the course's <c>multivariateGaussian</c>).</summary>
    public double[] Probability(double[,] x)
    {
        var t = Transform(x);
        var p = new double[t.GetLength(0)];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = t[i, 0];
        }
        return p;
    }

    /// <summary>The density as a one-column matrix.</summary>
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, 1];
        var diff = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                diff[j] = x[i, j] - Mu[j];
            }
            double q = 0;
            for (int a = 0; a < d; a++)
            {
                double s = 0;
                for (int b = 0; b < d; b++)
                {
                    s += _inverse![a, b] * diff[b];
                }
                q += diff[a] * s;
            }
            r[i, 0] = Math.Exp(_logNormaliser - 0.5 * q);
        }
        return r;
    }

    /// <summary>1 for anomalies (p &lt; ε), 0 otherwise.</summary>
    public int[] Predict(double[,] x)
    {
        if (Epsilon is not double eps)
        {
            throw new InvalidOperationException($"{Name}.Predict: no threshold; set Epsilon or call FitThreshold(Xval, yval)");
        }
        return Probability(x).Select(p => p < eps ? 1 : 0).ToArray();
    }

    /// <summary>Chooses <see cref="Epsilon"/> by F1 on a labelled validation set (y = 1 for anomalies); returns this.</summary>
    public GaussianAnomalyDetector FitThreshold(double[,] xval, double[] yval)
    {
        var p = Probability(xval);
        var (eps, f1) = SelectThreshold(yval, p);
        Epsilon = eps;
        ValidationF1 = f1;
        return this;
    }

    /// <summary>
    /// The course's <c>selectThreshold</c>: tries 1001 evenly spaced ε from min(p) to max(p) and keeps the first
    /// with the highest F1 of "p &lt; ε" against <paramref name="yval"/> (1 = anomaly).
    /// </summary>
    public static (double Epsilon, double F1) SelectThreshold(double[] yval, double[] pval)
    {
        ArgumentNullException.ThrowIfNull(yval);
        ArgumentNullException.ThrowIfNull(pval);
        if (yval.Length != pval.Length || yval.Length == 0)
        {
            throw new ArgumentException($"SelectThreshold: yval has {yval.Length} values but pval has {pval.Length}");
        }
        double min = pval.Min(), max = pval.Max();
        double step = (max - min) / 1000;
        double bestEps = 0, bestF1 = 0;
        for (int k = 0; k <= 1000 && (k == 0 || step > 0); k++)
        {
            double eps = min + k * step;
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < pval.Length; i++)
            {
                bool predicted = pval[i] < eps, actual = yval[i] == 1;
                tp += predicted && actual ? 1 : 0;
                fp += predicted && !actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
            }
            if (tp == 0)
            {
                continue;   // F1 is 0 (or undefined) with no true positives
            }
            double prec = (double)tp / (tp + fp), rec = (double)tp / (tp + fn);
            double f1 = 2 * prec * rec / (prec + rec);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestEps = eps;
            }
        }
        return (bestEps, bestF1);
    }
}
