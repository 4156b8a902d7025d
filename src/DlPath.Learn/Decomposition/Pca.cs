using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Learn.Decomposition;

/// <summary>
/// Principal component analysis by the SVD of the centred data (scikit-learn's <c>PCA</c>; the course's ex7
/// takes the SVD of the covariance Σ = XᵀX/m, whose left singular vectors are the same components).
/// Components are signed as scikit-learn's <c>svd_flip</c> does (the largest |U| entry of each column positive),
/// so projections are reproducible.
/// </summary>
public sealed class Pca : Transformer
{
    /// <summary>Number of components to keep (null: all, min(n, d)).</summary>
    [HyperParameter]
    public int? NComponents { get; set; }

    /// <summary>The principal axes, <c>[k, d]</c>, one per row (scikit-learn's <c>components_</c>; the course's <c>U(:, 1:K)'</c>).</summary>
    public double[,] Components { get; private set; } = new double[0, 0];

    /// <summary>Variance along each component (with n − 1 in the denominator, as scikit-learn).</summary>
    public double[] ExplainedVariance { get; private set; } = [];

    /// <summary>Fraction of the total variance each component explains.</summary>
    public double[] ExplainedVarianceRatio { get; private set; } = [];

    /// <summary>The singular values of the centred data for the kept components.</summary>
    public double[] SingularValues { get; private set; } = [];

    /// <summary>Per-feature mean removed before projecting.</summary>
    public double[] Mean { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        int max = Math.Min(n, d);
        int k = NComponents ?? max;
        if (k < 1 || k > max)
        {
            throw new ArgumentOutOfRangeException(nameof(NComponents), NComponents, $"{Name}: NComponents must be in 1..{max} (min of {n} samples and {d} features)");
        }
        Mean = LinAlg.ColumnMeans(x);
        var centred = Matrix<double>.Build.Dense(n, d, (i, j) => x[i, j] - Mean[j]);
        Matrix<double> u, vt;
        double[] s;
        if (n > d)
        {
            // Thin SVD through a thin QR: X = QR, R = Uᵣ S Vᵀ, so U = Q Uᵣ (avoids the n x n U of a full SVD).
            var qr = centred.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            var svdR = qr.R.Svd(computeVectors: true);
            u = qr.Q * svdR.U;
            vt = svdR.VT;
            s = svdR.S.ToArray();
        }
        else
        {
            var svd = centred.Svd(computeVectors: true);
            u = svd.U;
            vt = svd.VT;
            s = svd.S.ToArray();
        }
        Components = new double[k, d];
        SingularValues = new double[k];
        ExplainedVariance = new double[k];
        ExplainedVarianceRatio = new double[k];
        double totalVariance = s.Sum(v => v * v) / (n - 1);
        for (int c = 0; c < k; c++)
        {
            // svd_flip: make the largest-magnitude entry of U's column positive.
            int argmax = 0;
            for (int i = 1; i < n; i++)
            {
                if (Math.Abs(u[i, c]) > Math.Abs(u[argmax, c]))
                {
                    argmax = i;
                }
            }
            double sign = u[argmax, c] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++)
            {
                Components[c, j] = sign * vt[c, j];
            }
            SingularValues[c] = s[c];
            ExplainedVariance[c] = s[c] * s[c] / (n - 1);
            ExplainedVarianceRatio[c] = totalVariance > 0 ? ExplainedVariance[c] / totalVariance : 0;
        }
    }

    /// <summary>Projects onto the components: <c>(X − mean) Componentsᵀ</c> (the course's <c>projectData</c>), <c>[n, k]</c>.</summary>
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1), k = Components.GetLength(0);
        var z = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += (x[i, j] - Mean[j]) * Components[c, j];
                }
                z[i, c] = s;
            }
        }
        return z;
    }

    /// <summary>Maps projections back to the feature space: <c>Z Components + mean</c> (the course's <c>recoverData</c>).</summary>
    public double[,] InverseTransform(double[,] z)
    {
        EnsureFitted("InverseTransform");
        ArgumentNullException.ThrowIfNull(z);
        int n = z.GetLength(0), k = Components.GetLength(0), d = FeatureCount;
        if (z.GetLength(1) != k)
        {
            throw new ArgumentException($"{Name}.InverseTransform: Z has {z.GetLength(1)} columns but the PCA keeps {k} components");
        }
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double s = Mean[j];
                for (int c = 0; c < k; c++)
                {
                    s += z[i, c] * Components[c, j];
                }
                x[i, j] = s;
            }
        }
        return x;
    }
}
