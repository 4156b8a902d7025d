using DlPath.Learn.Optimization;

namespace DlPath.Learn.Linear;

/// <summary>
/// Ordinary least squares (scikit-learn's <c>LinearRegression</c>), by the normal equation or by gradient
/// descent as in the course's ex1; gradient descent can standardise the features first
/// (<see cref="NormalizeFeatures"/>, the course's <c>featureNormalize</c>) and reports coefficients for the
/// original features either way.
/// </summary>
public sealed class LinearRegression : Regressor
{
    /// <summary>Fit an intercept (scikit-learn's <c>fit_intercept</c>). Default true.</summary>
    [HyperParameter]
    public bool FitIntercept { get; set; } = true;

    /// <summary>Normal equation (default) or gradient descent.</summary>
    [HyperParameter]
    public LinearSolver Solver { get; set; } = LinearSolver.NormalEquation;

    /// <summary>Gradient descent's learning rate α. Default 0.01 (ex1).</summary>
    [HyperParameter]
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Gradient descent's number of iterations. Default 1500 (ex1).</summary>
    [HyperParameter]
    public int Iterations { get; set; } = 1500;

    /// <summary>Standardise the features (mean 0, sample standard deviation 1) before gradient descent. Default false.</summary>
    [HyperParameter]
    public bool NormalizeFeatures { get; set; }

    /// <summary>The weight of each original feature (scikit-learn's <c>coef_</c>).</summary>
    public double[] Coef { get; private set; } = [];

    /// <summary>The intercept (0 when <see cref="FitIntercept"/> is false).</summary>
    public double Intercept { get; private set; }

    /// <summary>The cost after each gradient-descent iteration (empty for the normal equation).</summary>
    public IReadOnlyList<double> CostHistory { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[] y)
    {
        int d = x.GetLength(1);
        if (Solver == LinearSolver.NormalEquation)
        {
            var design = FitIntercept ? LinAlg.AddOnes(x) : x;
            var theta = SolveLeastSquares(design, y);
            Intercept = FitIntercept ? theta[0] : 0;
            Coef = FitIntercept ? theta[1..] : theta;
            CostHistory = [];
            return;
        }

        Check.Positive(Name, nameof(LearningRate), LearningRate);
        Check.AtLeast(Name, nameof(Iterations), Iterations, 1);
        double[] mean = new double[d], scale = Enumerable.Repeat(1.0, d).ToArray();
        var work = x;
        if (NormalizeFeatures)
        {
            var scaler = new Preprocessing.StandardScaler { Ddof = 1 };
            work = scaler.FitTransform(x);
            mean = scaler.Mean;
            scale = scaler.Scale;
        }
        var designGd = FitIntercept ? LinAlg.AddOnes(work) : work;
        var result = GradientDescent.Minimize(t => LinearCost.CostAndGradient(designGd, y, t), new double[designGd.GetLength(1)], LearningRate, Iterations);
        CostHistory = result.CostHistory;
        var w = FitIntercept ? result.Theta[1..] : result.Theta;
        double b = FitIntercept ? result.Theta[0] : 0;
        // Back to the original features: w·(x − μ)/σ + b = (w/σ)·x + (b − Σ w μ/σ).
        Coef = new double[d];
        for (int j = 0; j < d; j++)
        {
            Coef[j] = w[j] / scale[j];
            b -= Coef[j] * mean[j];
        }
        Intercept = b;
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        var p = LinAlg.MatVec(x, Coef);
        for (int i = 0; i < p.Length; i++)
        {
            p[i] += Intercept;
        }
        return p;
    }

    /// <summary>θ = pinv(X) y, the minimum-norm least-squares solution (the course's <c>normalEqn</c>).</summary>
    public static double[] SolveLeastSquares(double[,] x, double[] y)
    {
        Check.Xy("LinearRegression.SolveLeastSquares", x, y);
        return LinAlg.LeastSquares(x, y);
    }
}
