namespace DlPath.Learn.Linear;

/// <summary>
/// Logistic-regression costs and gradients as the course writes them (<c>costFunction.m</c>,
/// <c>costFunctionReg.m</c>, <c>lrCostFunction.m</c>): X holds the intercept column of ones, θ₀ is not
/// regularised, <c>h = σ(Xθ)</c>,
/// <c>J = 1/m Σ [−y log h − (1 − y) log(1 − h)] + λ/(2m) Σ_{j≥1} θ_j²</c>,
/// <c>∇J = 1/m Xᵀ(h − y) + λ/m [0, θ₁..]</c>. The log terms are computed as softplus so they stay finite.
/// </summary>
public static class LogisticCost
{
    /// <summary>J(θ) and ∂J/∂θ for labels y ∈ {0, 1}.</summary>
    public static (double Cost, double[] Gradient) CostAndGradient(double[,] x, double[] y, double[] theta, double lambda = 0)
    {
        LinearCost.CheckSizes("LogisticCost", x, y, theta);
        int m = x.GetLength(0);
        var z = LinAlg.MatVec(x, theta);
        double j = 0;
        var err = new double[m];
        for (int i = 0; i < m; i++)
        {
            // −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z
            j += LinAlg.Softplus(z[i]) - y[i] * z[i];
            err[i] = LinAlg.Sigmoid(z[i]) - y[i];
        }
        j /= m;
        var grad = LinAlg.TMatVec(x, err);
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

    /// <summary>σ(z) = 1 / (1 + e^−z), computed without overflow.</summary>
    public static double Sigmoid(double z) => LinAlg.Sigmoid(z);

    /// <summary>
    /// Multinomial (softmax) cross-entropy for K classes: θ holds K rows of (1 + d) weights, row-major, each
    /// row's first entry the unregularised intercept; y holds class indices 0..K−1.
    /// <c>J = 1/m Σ_i [log Σ_k e^{z_ik} − z_{i,y_i}] + λ/(2m) Σ_k Σ_{j≥1} W_kj²</c>, <c>∇W = 1/m (P − Y)ᵀ X + λ/m W</c>.
    /// </summary>
    public static (double Cost, double[] Gradient) SoftmaxCostAndGradient(double[,] x, int[] y, int classCount, double[] theta, double lambda = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(theta);
        int m = x.GetLength(0), d = x.GetLength(1);
        if (theta.Length != classCount * d)
        {
            throw new ArgumentException($"LogisticCost.Softmax: theta has {theta.Length} entries, expected {classCount} classes x {d} columns");
        }
        if (y.Length != m)
        {
            throw new ArgumentException($"LogisticCost.Softmax: X has {m} rows but y has {y.Length}");
        }
        var p = new double[m, classCount];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < classCount; k++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += x[i, j] * theta[k * d + j];
                }
                p[i, k] = s;
            }
        }
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < classCount; k++)
            {
                max = Math.Max(max, p[i, k]);
            }
            double sum = 0;
            for (int k = 0; k < classCount; k++)
            {
                sum += Math.Exp(p[i, k] - max);
            }
            cost += max + Math.Log(sum) - p[i, y[i]];
        }
        LinAlg.SoftmaxRows(p);
        var grad = new double[theta.Length];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < classCount; k++)
            {
                double e = p[i, k] - (y[i] == k ? 1 : 0);
                if (e == 0)
                {
                    continue;
                }
                int row = k * d;
                for (int j = 0; j < d; j++)
                {
                    grad[row + j] += e * x[i, j];
                }
            }
        }
        cost /= m;
        for (int t = 0; t < grad.Length; t++)
        {
            grad[t] /= m;
            if (t % d != 0)
            {
                cost += lambda / (2.0 * m) * theta[t] * theta[t];
                grad[t] += lambda / m * theta[t];
            }
        }
        return (cost, grad);
    }
}
