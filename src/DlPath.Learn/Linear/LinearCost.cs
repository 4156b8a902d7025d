namespace DlPath.Learn.Linear;

/// <summary>
/// The course's (regularised) linear-regression cost and gradient (<c>computeCost.m</c>,
/// <c>linearRegCostFunction.m</c>). X already holds the intercept column of ones; θ₀ is not regularised:
/// <c>J = 1/(2m) Σ (Xθ − y)² + λ/(2m) Σ_{j≥1} θ_j²</c>, <c>∇J = 1/m Xᵀ(Xθ − y) + λ/m [0, θ₁..]</c>.
/// </summary>
public static class LinearCost
{
    /// <summary>J(θ).</summary>
    public static double Cost(double[,] x, double[] y, double[] theta, double lambda = 0) => CostAndGradient(x, y, theta, lambda).Cost;

    /// <summary>J(θ) and ∂J/∂θ.</summary>
    /// <exception cref="ArgumentException">Sizes of X, y and θ disagree.</exception>
    public static (double Cost, double[] Gradient) CostAndGradient(double[,] x, double[] y, double[] theta, double lambda = 0)
    {
        CheckSizes("LinearCost", x, y, theta);
        int m = x.GetLength(0);
        var residual = LinAlg.MatVec(x, theta);
        double j = 0;
        for (int i = 0; i < m; i++)
        {
            residual[i] -= y[i];
            j += residual[i] * residual[i];
        }
        j /= 2.0 * m;
        var grad = LinAlg.TMatVec(x, residual);
        for (int k = 0; k < grad.Length; k++)
        {
            grad[k] /= m;
        }
        for (int k = 1; k < theta.Length; k++)
        {
            j += lambda / (2.0 * m) * theta[k] * theta[k];
            grad[k] += lambda / m * theta[k];
        }
        return (j, grad);
    }

    internal static void CheckSizes(string op, double[,] x, double[] y, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(theta);
        if (x.GetLength(0) != y.Length)
        {
            throw new ArgumentException($"{op}: X has {x.GetLength(0)} rows but y has {y.Length}");
        }
        if (x.GetLength(1) != theta.Length)
        {
            throw new ArgumentException($"{op}: X has {x.GetLength(1)} columns but theta has {theta.Length} entries (did you add the intercept column of ones?)");
        }
        if (y.Length == 0)
        {
            throw new ArgumentException($"{op}: no samples");
        }
    }
}
