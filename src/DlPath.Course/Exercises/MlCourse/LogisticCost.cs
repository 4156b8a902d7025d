using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The course's logistic-regression cost (ex2 <c>costFunction</c>/<c>costFunctionReg</c>, ex3 <c>lrCostFunction</c>):
/// J(θ) = −1/m Σ [y log h + (1 − y) log(1 − h)] + λ/(2m) Σ_{j≥1} θ_j², with h = sigmoid(Xθ), and its gradient
/// 1/m Xᵀ(h − y) + λ/m θ (θ₀ not regularised).
/// </summary>
public static class LogisticCost
{
    /// <summary>Cost and gradient at θ (λ = 0 gives the unregularised <c>costFunction</c>).</summary>
    public static (double Cost, Vector<double> Gradient) Compute(Vector<double> theta, Matrix<double> x, Vector<double> y, double lambda = 0)
    {
        if (x.ColumnCount != theta.Count || x.RowCount != y.Count)
        {
            throw new ArgumentException($"logistic cost: X is {x.RowCount}x{x.ColumnCount}, θ has {theta.Count} entries and y {y.Count}; need X (m x n), θ (n), y (m)");
        }
        int m = y.Count;
        var h = Mx.Sigmoid(x * theta);
        double cost = 0;
        for (int i = 0; i < m; i++)
        {
            cost -= y[i] * Math.Log(h[i]) + (1 - y[i]) * Math.Log(1 - h[i]);
        }
        cost /= m;
        var regTheta = theta.Clone();
        regTheta[0] = 0; // the intercept is not regularised
        cost += lambda / (2.0 * m) * regTheta.DotProduct(regTheta);
        var grad = x.TransposeThisAndMultiply(h - y) / m + lambda / m * regTheta;
        return (cost, grad);
    }

    /// <summary>Predictions 1 where sigmoid(Xθ) ≥ 0.5 (the course's <c>predict</c>).</summary>
    public static int[] Predict(Vector<double> theta, Matrix<double> x) =>
        (x * theta).Select(z => Mx.Sigmoid(z) >= 0.5 ? 1 : 0).ToArray();

    /// <summary>
    /// The course's <c>mapFeature</c>: all monomials x1^(i−j)·x2^j for 0 ≤ j ≤ i ≤ degree, starting with the constant 1
    /// (28 columns for degree 6).
    /// </summary>
    public static Matrix<double> MapFeature(Vector<double> x1, Vector<double> x2, int degree = 6)
    {
        var columns = new List<Vector<double>> { Mx.V.Dense(x1.Count, 1.0) };
        for (int i = 1; i <= degree; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                int p = i - j, q = j;
                columns.Add(x1.Map2((a, b) => Math.Pow(a, p) * Math.Pow(b, q), x2));
            }
        }
        return Mx.M.DenseOfColumnVectors(columns);
    }
}
