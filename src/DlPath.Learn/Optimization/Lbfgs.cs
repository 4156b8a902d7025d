namespace DlPath.Learn.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, algorithm 7.4): a quasi-Newton direction from the last
/// <c>m</c> steps and gradient changes (two-loop recursion), with a backtracking line search that enforces
/// sufficient decrease (Armijo). scikit-learn's default solver for logistic regression.
/// </summary>
public static class Lbfgs
{
    private const double Armijo = 1e-4;

    /// <summary>Minimises <paramref name="cost"/> from <paramref name="theta0"/> (not modified).</summary>
    /// <param name="cost">J and its gradient.</param>
    /// <param name="theta0">Starting parameters.</param>
    /// <param name="maxIterations">Maximum quasi-Newton steps.</param>
    /// <param name="gradientTolerance">Stop when max |∂J/∂θ| falls below this.</param>
    /// <param name="memory">Number of correction pairs kept (m).</param>
    /// <param name="functionTolerance">Stop when the relative decrease (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) falls below this (SciPy's <c>factr · eps</c>, which scikit-learn uses).</param>
    public static OptimizationResult Minimize(CostFunction cost, double[] theta0, int maxIterations = 100, double gradientTolerance = 1e-6, int memory = 10, double functionTolerance = 2.220446049250313e-9)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(theta0);
        Check.AtLeast("Lbfgs", nameof(maxIterations), maxIterations, 1);
        Check.AtLeast("Lbfgs", nameof(memory), memory, 1);
        int n = theta0.Length;
        var x = (double[])theta0.Clone();
        var (f, g) = cost(x);
        var history = new List<double>();
        var sList = new List<double[]>();
        var yList = new List<double[]>();
        var rhoList = new List<double>();
        for (int it = 0; it < maxIterations; it++)
        {
            if (GradientDescent.MaxAbs(g) < gradientTolerance)
            {
                return new OptimizationResult(x, f, history, it, true);
            }

            // Two-loop recursion: d = −H g with H the implicit inverse-Hessian approximation.
            var q = (double[])g.Clone();
            var alpha = new double[sList.Count];
            for (int k = sList.Count - 1; k >= 0; k--)
            {
                alpha[k] = rhoList[k] * LinAlg.Dot(sList[k], q);
                Axpy(-alpha[k], yList[k], q);
            }
            double gamma = sList.Count > 0
                ? LinAlg.Dot(sList[^1], yList[^1]) / LinAlg.Dot(yList[^1], yList[^1])
                : 1 / Math.Max(1, Math.Sqrt(LinAlg.Dot(g, g)));       // first step: a unit-length move
            for (int k = 0; k < n; k++)
            {
                q[k] *= gamma;
            }
            for (int k = 0; k < sList.Count; k++)
            {
                double beta = rhoList[k] * LinAlg.Dot(yList[k], q);
                Axpy(alpha[k] - beta, sList[k], q);
            }
            var d = q;
            for (int k = 0; k < n; k++)
            {
                d[k] = -d[k];
            }
            double slope = LinAlg.Dot(g, d);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): forget the history, use steepest descent.
                sList.Clear();
                yList.Clear();
                rhoList.Clear();
                for (int k = 0; k < n; k++)
                {
                    d[k] = -g[k];
                }
                slope = LinAlg.Dot(g, d);
            }

            double step = 1;
            double[] xNew = new double[n];
            double fNew;
            double[] gNew;
            int tries = 0;
            while (true)
            {
                for (int k = 0; k < n; k++)
                {
                    xNew[k] = x[k] + step * d[k];
                }
                (fNew, gNew) = cost(xNew);
                if (double.IsFinite(fNew) && fNew <= f + Armijo * step * slope)
                {
                    break;
                }
                if (++tries > 50)
                {
                    return new OptimizationResult(x, f, history, it, true);   // no decrease possible: at a minimum to precision
                }
                step *= 0.5;
            }

            var s = new double[n];
            var y = new double[n];
            for (int k = 0; k < n; k++)
            {
                s[k] = xNew[k] - x[k];
                y[k] = gNew[k] - g[k];
            }
            double sy = LinAlg.Dot(s, y);
            if (sy > 1e-12 * Math.Sqrt(LinAlg.Dot(y, y) * LinAlg.Dot(s, s)))
            {
                // Only curvature-positive pairs keep H positive definite.
                if (sList.Count == memory)
                {
                    sList.RemoveAt(0);
                    yList.RemoveAt(0);
                    rhoList.RemoveAt(0);
                }
                sList.Add(s);
                yList.Add(y);
                rhoList.Add(1 / sy);
            }
            double previous = f;
            x = xNew;
            f = fNew;
            g = gNew;
            history.Add(f);
            if (previous - f <= functionTolerance * Math.Max(1, Math.Max(Math.Abs(previous), Math.Abs(f))))
            {
                return new OptimizationResult(x, f, history, it + 1, true);
            }
        }
        return new OptimizationResult(x, f, history, maxIterations, GradientDescent.MaxAbs(g) < gradientTolerance);
    }

    private static void Axpy(double a, double[] s, double[] x)
    {
        for (int k = 0; k < x.Length; k++)
        {
            x[k] += a * s[k];
        }
    }
}
