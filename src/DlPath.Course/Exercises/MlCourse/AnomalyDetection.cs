using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>ex8's Gaussian anomaly detector: per-feature Gaussians and the F1-selected threshold.</summary>
public static class AnomalyDetection
{
    /// <summary>Mean and variance (1/m, as the script) of each feature (<c>estimateGaussian</c>).</summary>
    public static (Vector<double> Mu, Vector<double> Sigma2) EstimateGaussian(Matrix<double> x)
    {
        int m = x.RowCount;
        var mu = x.ColumnSums() / m;
        var sigma2 = Mx.V.Dense(x.ColumnCount, j => x.Column(j).Sum(v => (v - mu[j]) * (v - mu[j])) / m);
        return (mu, sigma2);
    }

    /// <summary>Density of each row under the Gaussian with diagonal covariance diag(σ²) (<c>multivariateGaussian</c> with a vector σ²).</summary>
    public static double[] Density(Matrix<double> x, Vector<double> mu, Vector<double> sigma2)
    {
        int k = mu.Count;
        double logNorm = -k / 2.0 * Math.Log(2 * Math.PI) - 0.5 * sigma2.Sum(Math.Log);
        var p = new double[x.RowCount];
        for (int i = 0; i < x.RowCount; i++)
        {
            double q = 0;
            for (int j = 0; j < k; j++)
            {
                double d = x[i, j] - mu[j];
                q += d * d / sigma2[j];
            }
            p[i] = Math.Exp(logNorm - 0.5 * q);
        }
        return p;
    }

    /// <summary>
    /// The ε among 1001 evenly spaced values from min(p) to max(p) whose rule "p &lt; ε is an anomaly" has the best F1
    /// on the labelled validation set (<c>selectThreshold</c>; the first best wins).
    /// </summary>
    public static (double Epsilon, double F1) SelectThreshold(int[] yval, double[] pval)
    {
        double min = pval.Min(), max = pval.Max();
        double step = (max - min) / 1000;
        double bestEpsilon = 0, bestF1 = 0;
        for (int s = 0; s <= 1000; s++)
        {
            double epsilon = min + s * step;
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < pval.Length; i++)
            {
                bool predicted = pval[i] < epsilon;
                bool actual = yval[i] == 1;
                tp += predicted && actual ? 1 : 0;
                fp += predicted && !actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
            }
            if (tp == 0)
            {
                continue; // precision or recall is 0 (or undefined): F1 is no improvement
            }
            double precision = (double)tp / (tp + fp), recall = (double)tp / (tp + fn);
            double f1 = 2 * precision * recall / (precision + recall);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestEpsilon = epsilon;
            }
        }
        return (bestEpsilon, bestF1);
    }
}
