namespace DlPath.Learn.Svm;

/// <summary>
/// Sequential minimal optimisation for the C-SVM dual, as LIBSVM (and so scikit-learn's <c>SVC</c>) solves it:
/// <c>min ½ αᵀQα − Σα</c> subject to <c>0 ≤ α ≤ C</c>, <c>yᵀα = 0</c>, with <c>Q_ij = y_i y_j K_ij</c>.
/// Each step picks the maximal-violating pair with second-order working-set selection (Fan, Chen &amp; Lin 2005),
/// solves the two-variable problem in closed form, clips to the box and updates the gradient; it stops when the
/// KKT violation <c>m(α) − M(α)</c> falls below the tolerance. No shrinking (the problems here are small).
/// </summary>
internal static class SmoSolver
{
    private const double Tau = 1e-12;

    /// <summary>Solves the dual on the samples <paramref name="index"/> of a precomputed kernel matrix.</summary>
    /// <returns>α for each selected sample, and the bias b of <c>f(x) = Σ α_i y_i K(x_i, x) + b</c>.</returns>
    public static (double[] Alpha, double Bias, int Iterations) Solve(double[][] kernel, int[] index, double[] y, double c, double tol, int maxIter)
    {
        int n = index.Length;
        var alpha = new double[n];
        var g = new double[n];            // ∇ = Qα − e; α = 0 gives −1
        Array.Fill(g, -1.0);
        int iter = 0;
        while (iter < maxIter)
        {
            // Working-set selection: i maximises −y_t ∇_t over I_up; j minimises the second-order decrease over I_low.
            double gmax = double.NegativeInfinity, gmax2 = double.NegativeInfinity;
            int i = -1;
            for (int t = 0; t < n; t++)
            {
                bool up = y[t] > 0 ? alpha[t] < c : alpha[t] > 0;
                if (up && -y[t] * g[t] >= gmax)
                {
                    gmax = -y[t] * g[t];
                    i = t;
                }
            }
            if (i < 0)
            {
                break;
            }
            var ki = kernel[index[i]];
            int j = -1;
            double bestObj = double.PositiveInfinity;
            double kii = ki[index[i]];
            for (int t = 0; t < n; t++)
            {
                bool low = y[t] > 0 ? alpha[t] > 0 : alpha[t] < c;
                if (!low)
                {
                    continue;
                }
                double ytg = y[t] * g[t];
                gmax2 = Math.Max(gmax2, ytg);
                double diff = gmax + ytg;
                if (diff > 0)
                {
                    double a = kii + kernel[index[t]][index[t]] - 2 * ki[index[t]];
                    double obj = -diff * diff / (a > 0 ? a : Tau);
                    if (obj <= bestObj)
                    {
                        bestObj = obj;
                        j = t;
                    }
                }
            }
            if (gmax + gmax2 < tol || j < 0)
            {
                break;
            }
            iter++;

            var kj = kernel[index[j]];
            double quad = kii + kj[index[j]] - 2 * ki[index[j]];
            if (quad <= 0)
            {
                quad = Tau;
            }
            double oldI = alpha[i], oldJ = alpha[j];
            if (y[i] != y[j])
            {
                double delta = (-g[i] - g[j]) / quad;
                double diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                if (diff > 0)
                {
                    if (alpha[j] < 0)
                    {
                        alpha[j] = 0;
                        alpha[i] = diff;
                    }
                }
                else if (alpha[i] < 0)
                {
                    alpha[i] = 0;
                    alpha[j] = -diff;
                }
                if (diff > 0)
                {
                    if (alpha[i] > c)
                    {
                        alpha[i] = c;
                        alpha[j] = c - diff;
                    }
                }
                else if (alpha[j] > c)
                {
                    alpha[j] = c;
                    alpha[i] = c + diff;
                }
            }
            else
            {
                double delta = (g[i] - g[j]) / quad;
                double sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                if (sum > c)
                {
                    if (alpha[i] > c)
                    {
                        alpha[i] = c;
                        alpha[j] = sum - c;
                    }
                }
                else if (alpha[j] < 0)
                {
                    alpha[j] = 0;
                    alpha[i] = sum;
                }
                if (sum > c)
                {
                    if (alpha[j] > c)
                    {
                        alpha[j] = c;
                        alpha[i] = sum - c;
                    }
                }
                else if (alpha[i] < 0)
                {
                    alpha[i] = 0;
                    alpha[j] = sum;
                }
            }
            double dI = alpha[i] - oldI, dJ = alpha[j] - oldJ;
            for (int t = 0; t < n; t++)
            {
                // ∇_t += Q_ti Δα_i + Q_tj Δα_j
                g[t] += y[t] * (y[i] * ki[index[t]] * dI + y[j] * kj[index[t]] * dJ);
            }
        }

        // Bias: average of y_t ∇_t over free α (LIBSVM's ρ = −b); midpoint of the feasible interval if none is free.
        double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
        int free = 0;
        for (int t = 0; t < n; t++)
        {
            double yg = y[t] * g[t];
            if (alpha[t] >= c)
            {
                if (y[t] < 0)
                {
                    ub = Math.Min(ub, yg);
                }
                else
                {
                    lb = Math.Max(lb, yg);
                }
            }
            else if (alpha[t] <= 0)
            {
                if (y[t] > 0)
                {
                    ub = Math.Min(ub, yg);
                }
                else
                {
                    lb = Math.Max(lb, yg);
                }
            }
            else
            {
                free++;
                sumFree += yg;
            }
        }
        double rho = free > 0 ? sumFree / free : (ub + lb) / 2;
        return (alpha, -rho, iter);
    }
}
