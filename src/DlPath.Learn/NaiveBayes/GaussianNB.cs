namespace DlPath.Learn.NaiveBayes;

/// <summary>
/// Gaussian naive Bayes (scikit-learn's <c>GaussianNB</c>): per class, independent Gaussians per feature;
/// a small variance <c>VarSmoothing · max feature variance</c> is added for stability.
/// </summary>
public sealed class GaussianNB : Classifier
{
    /// <summary>Fraction of the largest feature variance added to every variance. Default 1e-9.</summary>
    [HyperParameter]
    public double VarSmoothing { get; set; } = 1e-9;

    /// <summary>Per-class feature means, <c>[K, d]</c> (scikit-learn's <c>theta_</c>).</summary>
    public double[,] Theta { get; private set; } = new double[0, 0];

    /// <summary>Per-class feature variances, <c>[K, d]</c> (<c>var_</c>).</summary>
    public double[,] Var { get; private set; } = new double[0, 0];

    /// <summary>Class priors (training frequencies).</summary>
    public double[] ClassPrior { get; private set; } = [];

    /// <inheritdoc />
    protected override int MinClasses => 1;

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Check.NonNegative(Name, nameof(VarSmoothing), VarSmoothing);
        int n = x.GetLength(0), d = x.GetLength(1);
        var all = LinAlg.ColumnMeans(x);
        double maxVar = 0;
        for (int j = 0; j < d; j++)
        {
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                v += (x[i, j] - all[j]) * (x[i, j] - all[j]);
            }
            maxVar = Math.Max(maxVar, v / n);
        }
        double epsilon = VarSmoothing * maxVar;
        Theta = new double[classCount, d];
        Var = new double[classCount, d];
        var count = new int[classCount];
        for (int i = 0; i < n; i++)
        {
            count[y[i]]++;
            for (int j = 0; j < d; j++)
            {
                Theta[y[i], j] += x[i, j];
            }
        }
        for (int c = 0; c < classCount; c++)
        {
            for (int j = 0; j < d; j++)
            {
                Theta[c, j] /= count[c];
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double t = x[i, j] - Theta[y[i], j];
                Var[y[i], j] += t * t;
            }
        }
        for (int c = 0; c < classCount; c++)
        {
            for (int j = 0; j < d; j++)
            {
                Var[c, j] = Var[c, j] / count[c] + epsilon;
            }
        }
        ClassPrior = count.Select(c => (double)c / n).ToArray();
    }

    /// <summary>log P(c) + Σ_j log N(x_j; μ_cj, σ²_cj), <c>[n, K]</c>.</summary>
    public double[,] JointLogLikelihood(double[,] x)
    {
        EnsureFitted("JointLogLikelihood");
        Check.Features($"{Name}.JointLogLikelihood", x, FeatureCount);
        int n = x.GetLength(0), d = x.GetLength(1), k = Classes.Length;
        var r = new double[n, k];
        for (int c = 0; c < k; c++)
        {
            double constant = Math.Log(ClassPrior[c]);
            for (int j = 0; j < d; j++)
            {
                constant -= 0.5 * Math.Log(2 * Math.PI * Var[c, j]);
            }
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    double t = x[i, j] - Theta[c, j];
                    s += t * t / Var[c, j];
                }
                r[i, c] = constant - 0.5 * s;
            }
        }
        return r;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        var j = JointLogLikelihood(x);
        LinAlg.SoftmaxRows(j);
        return j;
    }
}
