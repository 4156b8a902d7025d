namespace DlPath.Learn.Optimization;

/// <summary>Batch gradient descent with a fixed learning rate: θ ← θ − α ∇J(θ) (the course's <c>gradientDescent.m</c>).</summary>
public static class GradientDescent
{
    /// <summary>Runs <paramref name="iterations"/> steps from <paramref name="theta0"/> (not modified).</summary>
    /// <param name="cost">J and its gradient.</param>
    /// <param name="theta0">Starting parameters.</param>
    /// <param name="alpha">Learning rate α &gt; 0.</param>
    /// <param name="iterations">Number of steps.</param>
    /// <param name="tolerance">Stop early when the largest gradient component falls below this (0: never).</param>
    public static OptimizationResult Minimize(CostFunction cost, double[] theta0, double alpha, int iterations, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(theta0);
        Check.Positive("GradientDescent", nameof(alpha), alpha);
        Check.AtLeast("GradientDescent", nameof(iterations), iterations, 0);
        var theta = (double[])theta0.Clone();
        var history = new List<double>(iterations);
        var (j, grad) = cost(theta);
        for (int it = 0; it < iterations; it++)
        {
            if (tolerance > 0 && MaxAbs(grad) < tolerance)
            {
                return new OptimizationResult(theta, j, history, it, true);
            }
            for (int k = 0; k < theta.Length; k++)
            {
                theta[k] -= alpha * grad[k];
            }
            (j, grad) = cost(theta);
            if (!double.IsFinite(j))
            {
                throw new ArithmeticException($"GradientDescent: the cost became {j} at iteration {it + 1}; the learning rate α = {alpha} is too large (or the features need scaling)");
            }
            history.Add(j);
        }
        return new OptimizationResult(theta, j, history, iterations, false);
    }

    internal static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (var x in v)
        {
            m = Math.Max(m, Math.Abs(x));
        }
        return m;
    }
}
