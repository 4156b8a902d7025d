namespace DlPath.Learn.Optimization;

/// <summary>
/// Nonlinear conjugate gradients with Polack–Ribière directions and a line search that brackets the
/// minimum with quadratic/cubic interpolation and extrapolation under the Wolfe–Powell conditions: the
/// algorithm of Carl Edward Rasmussen's <c>fmincg</c>/<c>minimize</c>, which the ML course uses to train
/// one-vs-all logistic regression and the neural network. Written here from the algorithm's description.
/// </summary>
/// <remarks>
/// Constants follow the original: ρ = 0.01 and σ = 0.5 are the Wolfe–Powell constants (sufficient decrease,
/// curvature), the interpolation never lands closer than 10 % of the bracket to its ends, extrapolation is
/// at most 3 times the current step, at most 20 function evaluations per line search and the next initial
/// step is at most 100 times the previous slope ratio.
/// </remarks>
public static class Fmincg
{
    private const double Rho = 0.01;
    private const double Sigma = 0.5;
    private const double Interpolate = 0.1;
    private const double Extrapolate = 3.0;
    private const int MaxEvaluationsPerSearch = 20;
    private const double MaxSlopeRatio = 100;

    /// <summary>Minimises <paramref name="cost"/> from <paramref name="theta0"/> with at most <paramref name="maxIterations"/> line searches (the course's <c>options.MaxIter</c>).</summary>
    public static OptimizationResult Minimize(CostFunction cost, double[] theta0, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(theta0);
        Check.AtLeast("Fmincg", nameof(maxIterations), maxIterations, 1);

        var x = (double[])theta0.Clone();
        var history = new List<double>();
        var (f1, df1) = cost(x);
        var s = Negate(df1);                 // first direction: steepest descent
        double d1 = -Dot(s, s);              // slope along s
        double z1 = 1 / (1 - d1);            // initial step: 1 / (1 + |∇f|²)
        bool lastSearchFailed = false;
        int iteration = 0;
        bool converged = false;

        while (iteration < maxIterations)
        {
            iteration++;
            var x0 = (double[])x.Clone();
            double f0 = f1;
            var df0 = df1;

            Axpy(z1, s, x);
            var (f2, df2) = cost(x);
            double d2 = Dot(df2, s);
            // point 3 is the other end of the bracket; it starts at the current point (step 0).
            double f3 = f1, d3 = d1, z3 = -z1;
            int evaluationsLeft = MaxEvaluationsPerSearch;
            bool success = false;
            double limit = -1;               // upper end of the bracket once one is known (−1: none yet)

            while (true)
            {
                // Too far (no sufficient decrease) or not flat enough yet: shrink by interpolation.
                while ((f2 > f1 + z1 * Rho * d1 || d2 > -Sigma * d1) && evaluationsLeft > 0)
                {
                    limit = z1;
                    double z2;
                    if (f2 > f1)
                    {
                        z2 = z3 - 0.5 * d3 * z3 * z3 / (d3 * z3 + f2 - f3);   // quadratic fit
                    }
                    else
                    {
                        double a = 6 * (f2 - f3) / z3 + 3 * (d2 + d3);      // cubic fit
                        double b = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
                        z2 = (Math.Sqrt(b * b - a * d2 * z3 * z3) - b) / a;
                    }
                    if (!double.IsFinite(z2))
                    {
                        z2 = z3 / 2;                                            // bisect when the fit fails
                    }
                    z2 = Math.Max(Math.Min(z2, Interpolate * z3), (1 - Interpolate) * z3);
                    z1 += z2;
                    Axpy(z2, s, x);
                    (f2, df2) = cost(x);
                    evaluationsLeft--;
                    d2 = Dot(df2, s);
                    z3 -= z2;                                                   // z3 is now relative to the new point
                }

                if (f2 > f1 + z1 * Rho * d1 || d2 > -Sigma * d1)
                {
                    break;                                                      // the search failed
                }
                if (d2 > Sigma * d1)
                {
                    success = true;                                             // both Wolfe–Powell conditions hold
                    break;
                }
                if (evaluationsLeft == 0)
                {
                    break;
                }

                // Still descending steeply: extrapolate with a cubic fit, kept inside sensible bounds.
                double ac = 6 * (f2 - f3) / z3 + 3 * (d2 + d3);
                double bc = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
                double step = -d2 * z3 * z3 / (bc + Math.Sqrt(bc * bc - ac * d2 * z3 * z3));
                if (!double.IsFinite(step) || step < 0)
                {
                    step = limit < -0.5 ? z1 * (Extrapolate - 1) : (limit - z1) / 2;
                }
                else if (limit > -0.5 && step + z1 > limit)
                {
                    step = (limit - z1) / 2;                                    // beyond the bracket: bisect
                }
                else if (limit < -0.5 && step + z1 > z1 * Extrapolate)
                {
                    step = z1 * (Extrapolate - 1);                              // cap the extrapolation
                }
                else if (step < -z3 * Interpolate)
                {
                    step = -z3 * Interpolate;
                }
                else if (limit > -0.5 && step < (limit - z1) * (1 - Interpolate))
                {
                    step = (limit - z1) * (1 - Interpolate);
                }
                f3 = f2;
                d3 = d2;
                z3 = -step;
                z1 += step;
                Axpy(step, s, x);
                (f2, df2) = cost(x);
                evaluationsLeft--;
                d2 = Dot(df2, s);
            }

            if (success)
            {
                f1 = f2;
                history.Add(f1);
                // Polack–Ribière: β = (g₂ᵀg₂ − g₁ᵀg₂) / g₁ᵀg₁, s ← β s − g₂.
                double beta = (Dot(df2, df2) - Dot(df1, df2)) / Dot(df1, df1);
                for (int k = 0; k < s.Length; k++)
                {
                    s[k] = beta * s[k] - df2[k];
                }
                df1 = df2;
                d2 = Dot(df1, s);
                if (d2 > 0)
                {
                    s = Negate(df1);                                            // not a descent direction: restart
                    d2 = -Dot(s, s);
                }
                z1 *= Math.Min(MaxSlopeRatio, d1 / (d2 - double.Epsilon));
                d1 = d2;
                lastSearchFailed = false;
            }
            else
            {
                x = x0;                                                         // back to the best point
                f1 = f0;
                df1 = df0;
                if (lastSearchFailed)
                {
                    converged = true;                                           // two failures in a row: no more progress
                    break;
                }
                // Restart along steepest descent. As in the original, the direction uses the gradient last
                // evaluated (at the rejected point); keeping this makes results match the course's numbers.
                (df1, df2) = (df2, df1);
                s = Negate(df1);
                d1 = -Dot(s, s);
                z1 = 1 / (1 - d1);
                lastSearchFailed = true;
            }
        }
        return new OptimizationResult(x, f1, history, iteration, converged);
    }

    private static double Dot(double[] a, double[] b) => LinAlg.Dot(a, b);

    private static double[] Negate(double[] v)
    {
        var r = new double[v.Length];
        for (int k = 0; k < v.Length; k++)
        {
            r[k] = -v[k];
        }
        return r;
    }

    private static void Axpy(double a, double[] s, double[] x)
    {
        for (int k = 0; k < x.Length; k++)
        {
            x[k] += a * s[k];
        }
    }
}
