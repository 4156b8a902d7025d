namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The course's simplified SMO (<c>svmTrain</c>): for each example breaking the KKT conditions by more than tol, pick a
/// random second example j and optimise the pair (α_i, α_j) analytically; stop after max_passes passes without a change.
/// The kernel is reached through <see cref="ISmoKernel"/> so the spam classifier can use sparse dot products instead
/// of a 4000 × 4000 Gram matrix.
/// </summary>
public static class Smo
{
    /// <summary>How SMO sees the data: kernel values and the decision function without b.</summary>
    public interface ISmoKernel
    {
        /// <summary>Number of training examples.</summary>
        int Count { get; }

        /// <summary>K(x_i, x_j).</summary>
        double K(int i, int j);

        /// <summary>Σ_k α_k y_k K(x_k, x_i) for the current α (the model's output on example i, minus b).</summary>
        double Output(int i, double[] alphaY);

        /// <summary>Called after α_i·y_i changed by <paramref name="delta"/> (a linear kernel keeps w up to date here).</summary>
        void AlphaYChanged(int i, double delta);
    }

    /// <summary>Trains and returns α (per example) and b.</summary>
    /// <param name="kernel">The kernel view of the data.</param>
    /// <param name="y">Labels 0/1 (mapped to −1/+1 as the script does).</param>
    /// <param name="c">The box constraint C.</param>
    /// <param name="tol">KKT tolerance (1e-3 in the course).</param>
    /// <param name="maxPasses">Passes without change before stopping (5 by default, 20 for dataset 1).</param>
    /// <param name="rng">Random source for the second index.</param>
    public static (double[] Alphas, double B) Train(ISmoKernel kernel, int[] y, double c, double tol, int maxPasses, Random rng)
    {
        int m = kernel.Count;
        var yy = y.Select(v => v == 0 ? -1.0 : 1.0).ToArray();
        var alphas = new double[m];
        var alphaY = new double[m];
        double b = 0;
        int passes = 0;
        while (passes < maxPasses)
        {
            int changed = 0;
            for (int i = 0; i < m; i++)
            {
                double ei = b + kernel.Output(i, alphaY) - yy[i];
                if (!((yy[i] * ei < -tol && alphas[i] < c) || (yy[i] * ei > tol && alphas[i] > 0)))
                {
                    continue;
                }
                int j;
                do
                {
                    j = rng.Next(m);
                }
                while (j == i);
                double ej = b + kernel.Output(j, alphaY) - yy[j];
                double aiOld = alphas[i], ajOld = alphas[j];
                double l, h;
                if (yy[i] == yy[j])
                {
                    l = Math.Max(0, alphas[j] + alphas[i] - c);
                    h = Math.Min(c, alphas[j] + alphas[i]);
                }
                else
                {
                    l = Math.Max(0, alphas[j] - alphas[i]);
                    h = Math.Min(c, c + alphas[j] - alphas[i]);
                }
                if (l == h)
                {
                    continue;
                }
                double kij = kernel.K(i, j), kii = kernel.K(i, i), kjj = kernel.K(j, j);
                double eta = 2 * kij - kii - kjj;
                if (eta >= 0)
                {
                    continue;
                }
                double aj = alphas[j] - yy[j] * (ei - ej) / eta;
                aj = Math.Max(l, Math.Min(h, aj));
                if (Math.Abs(aj - ajOld) < tol)
                {
                    continue;
                }
                double ai = alphas[i] + yy[i] * yy[j] * (ajOld - aj);
                alphas[i] = ai;
                alphas[j] = aj;
                SetAlphaY(kernel, alphaY, i, ai * yy[i]);
                SetAlphaY(kernel, alphaY, j, aj * yy[j]);
                double b1 = b - ei - yy[i] * (ai - aiOld) * kii - yy[j] * (aj - ajOld) * kij;
                double b2 = b - ej - yy[i] * (ai - aiOld) * kij - yy[j] * (aj - ajOld) * kjj;
                b = ai > 0 && ai < c ? b1 : aj > 0 && aj < c ? b2 : (b1 + b2) / 2;
                changed++;
            }
            passes = changed == 0 ? passes + 1 : 0;
        }
        return (alphas, b);
    }

    private static void SetAlphaY(ISmoKernel kernel, double[] alphaY, int i, double value)
    {
        double delta = value - alphaY[i];
        alphaY[i] = value;
        if (delta != 0)
        {
            kernel.AlphaYChanged(i, delta);
        }
    }

    /// <summary>A kernel with its Gram matrix computed up front (the course's way, for the small 2-D sets).</summary>
    public sealed class GramKernel : ISmoKernel
    {
        private readonly double[,] _gram;

        /// <summary>Computes K for every pair of rows.</summary>
        public GramKernel(double[][] x, Func<double[], double[], double> kernel)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(kernel);
            int m = x.Length;
            _gram = new double[m, m];
            for (int i = 0; i < m; i++)
            {
                for (int j = i; j < m; j++)
                {
                    _gram[i, j] = _gram[j, i] = kernel(x[i], x[j]);
                }
            }
        }

        /// <inheritdoc />
        public int Count => _gram.GetLength(0);

        /// <inheritdoc />
        public double K(int i, int j) => _gram[i, j];

        /// <inheritdoc />
        public double Output(int i, double[] alphaY)
        {
            double sum = 0;
            for (int k = 0; k < alphaY.Length; k++)
            {
                if (alphaY[k] != 0)
                {
                    sum += alphaY[k] * _gram[k, i];
                }
            }
            return sum;
        }

        /// <inheritdoc />
        public void AlphaYChanged(int i, double delta)
        {
        }
    }

    /// <summary>
    /// A linear kernel on sparse binary rows (the spam features: which vocabulary words an email has): K is the count
    /// of shared words and the output is w·x with w = Σ α_k y_k x_k kept up to date.
    /// </summary>
    public sealed class SparseLinearKernel : ISmoKernel
    {
        private readonly int[][] _words;

        /// <summary>Creates the kernel from each example's sorted non-zero feature indices.</summary>
        public SparseLinearKernel(int[][] words, int featureCount)
        {
            _words = words;
            W = new double[featureCount];
        }

        /// <summary>The weight vector w = Σ α_k y_k x_k.</summary>
        public double[] W { get; }

        /// <inheritdoc />
        public int Count => _words.Length;

        /// <inheritdoc />
        public double K(int i, int j)
        {
            int[] a = _words[i], b = _words[j];
            int p = 0, q = 0, shared = 0;
            while (p < a.Length && q < b.Length)
            {
                if (a[p] == b[q])
                {
                    shared++;
                    p++;
                    q++;
                }
                else if (a[p] < b[q])
                {
                    p++;
                }
                else
                {
                    q++;
                }
            }
            return shared;
        }

        /// <inheritdoc />
        public double Output(int i, double[] alphaY)
        {
            double sum = 0;
            foreach (var w in _words[i])
            {
                sum += W[w];
            }
            return sum;
        }

        /// <inheritdoc />
        public void AlphaYChanged(int i, double delta)
        {
            foreach (var w in _words[i])
            {
                W[w] += delta;
            }
        }
    }
}
