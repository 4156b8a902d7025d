using DlPath.Learn.Optimization;

namespace DlPath.Learn.Linear;

/// <summary>
/// Logistic regression (scikit-learn's <c>LogisticRegression</c>): binary, one-vs-rest or multinomial, with
/// an L2 penalty of strength 1/<see cref="C"/> on the weights (not the intercept), trained by L-BFGS,
/// the course's conjugate-gradient minimiser or gradient descent. The objective is scikit-learn's divided by
/// the number of samples, which has the same minimiser and the course's scale:
/// <c>1/m Σ logloss + 1/(2 C m) ‖w‖²</c> (i.e. the course's λ = 1/C).
/// </summary>
public sealed class LogisticRegression : Classifier
{
    /// <summary>Inverse regularisation strength C &gt; 0 (λ = 1/C). Default 1.</summary>
    [HyperParameter]
    public double C { get; set; } = 1.0;

    /// <summary>L2 (default) or none.</summary>
    [HyperParameter]
    public Penalty Penalty { get; set; } = Penalty.L2;

    /// <summary>Minimiser. Default L-BFGS.</summary>
    [HyperParameter]
    public Solver Solver { get; set; } = Solver.Lbfgs;

    /// <summary>Binary / one-vs-rest / multinomial. Default auto (multinomial when K &gt; 2).</summary>
    [HyperParameter]
    public MultiClassStrategy MultiClass { get; set; } = MultiClassStrategy.Auto;

    /// <summary>Maximum iterations (L-BFGS steps, CG line searches, or gradient-descent steps). Default 100.</summary>
    [HyperParameter]
    public int MaxIter { get; set; } = 100;

    /// <summary>Gradient tolerance for L-BFGS. Default 1e-6.</summary>
    [HyperParameter]
    public double Tol { get; set; } = 1e-6;

    /// <summary>Learning rate for gradient descent. Default 1.</summary>
    [HyperParameter]
    public double LearningRate { get; set; } = 1.0;

    /// <summary>Fit an intercept. Default true.</summary>
    [HyperParameter]
    public bool FitIntercept { get; set; } = true;

    /// <summary>Weights, <c>[1, d]</c> for two classes (the positive class is <c>Classes[1]</c>), else <c>[K, d]</c>.</summary>
    public double[,] Coef { get; private set; } = new double[0, 0];

    /// <summary>Intercepts, one per row of <see cref="Coef"/>.</summary>
    public double[] Intercept { get; private set; } = [];

    /// <summary>The final cost of each trained model (one per row of <see cref="Coef"/>; one for multinomial).</summary>
    public double[] FinalCost { get; private set; } = [];

    private bool _multinomial;

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Check.Positive(Name, nameof(C), C);
        Check.AtLeast(Name, nameof(MaxIter), MaxIter, 1);
        double lambda = Penalty == Penalty.L2 ? 1 / C : 0;
        var design = FitIntercept ? LinAlg.AddOnes(x) : x;
        int d = x.GetLength(1);
        int cols = design.GetLength(1);
        _multinomial = classCount > 2 && MultiClass != MultiClassStrategy.OneVsRest;
        if (_multinomial)
        {
            var result = Minimize(t => Softmax(design, y, classCount, t, lambda), classCount * cols);
            SetCoefficients(result.Theta, classCount, cols, d);
            FinalCost = [result.Cost];
            return;
        }

        int models = classCount == 2 ? 1 : classCount;
        var theta = new double[models * cols];
        FinalCost = new double[models];
        for (int k = 0; k < models; k++)
        {
            int positive = classCount == 2 ? 1 : k;
            var target = y.Select(v => v == positive ? 1.0 : 0.0).ToArray();
            var result = Minimize(t => Binary(design, target, t, lambda), cols);
            Array.Copy(result.Theta, 0, theta, k * cols, cols);
            FinalCost[k] = result.Cost;
        }
        SetCoefficients(theta, models, cols, d);
    }

    private (double, double[]) Binary(double[,] design, double[] target, double[] t, double lambda)
    {
        if (FitIntercept)
        {
            return LogisticCost.CostAndGradient(design, target, t, lambda);
        }
        // Without an intercept column every weight is penalised: add λ/(2m) θ₀² which the course form skips.
        var (j, g) = LogisticCost.CostAndGradient(design, target, t, lambda);
        int m = target.Length;
        j += lambda / (2.0 * m) * t[0] * t[0];
        g[0] += lambda / m * t[0];
        return (j, g);
    }

    private (double, double[]) Softmax(double[,] design, int[] y, int classCount, double[] t, double lambda)
    {
        var (j, g) = LogisticCost.SoftmaxCostAndGradient(design, y, classCount, t, lambda);
        if (!FitIntercept)
        {
            int m = y.Length, cols = design.GetLength(1);
            for (int k = 0; k < classCount; k++)
            {
                j += lambda / (2.0 * m) * t[k * cols] * t[k * cols];
                g[k * cols] += lambda / m * t[k * cols];
            }
        }
        return (j, g);
    }

    private OptimizationResult Minimize(CostFunction cost, int size)
    {
        var start = new double[size];
        return Solver switch
        {
            Solver.Lbfgs => Lbfgs.Minimize(cost, start, MaxIter, Tol),
            Solver.ConjugateGradient => Fmincg.Minimize(cost, start, MaxIter),
            _ => GradientDescent.Minimize(cost, start, LearningRate, MaxIter),
        };
    }

    private void SetCoefficients(double[] theta, int rows, int cols, int d)
    {
        Coef = new double[rows, d];
        Intercept = new double[rows];
        int offset = FitIntercept ? 1 : 0;
        for (int k = 0; k < rows; k++)
        {
            Intercept[k] = FitIntercept ? theta[k * cols] : 0;
            for (int j = 0; j < d; j++)
            {
                Coef[k, j] = theta[k * cols + offset + j];
            }
        }
    }

    /// <summary>The linear scores Xwᵀ + b, <c>[n, rows of Coef]</c> (scikit-learn's <c>decision_function</c>).</summary>
    public double[,] DecisionFunction(double[,] x)
    {
        EnsureFitted("DecisionFunction");
        Check.Features($"{Name}.DecisionFunction", x, FeatureCount);
        int n = x.GetLength(0), rows = Coef.GetLength(0), d = FeatureCount;
        var z = new double[n, rows];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < rows; k++)
            {
                double s = Intercept[k];
                for (int j = 0; j < d; j++)
                {
                    s += x[i, j] * Coef[k, j];
                }
                z[i, k] = s;
            }
        }
        return z;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        var z = DecisionFunction(x);
        int n = z.GetLength(0), k = Classes.Length;
        var p = new double[n, k];
        if (k == 2)
        {
            for (int i = 0; i < n; i++)
            {
                p[i, 1] = LinAlg.Sigmoid(z[i, 0]);
                p[i, 0] = 1 - p[i, 1];
            }
            return p;
        }
        if (_multinomial)
        {
            LinAlg.SoftmaxRows(z);
            return z;
        }
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int c = 0; c < k; c++)
            {
                p[i, c] = LinAlg.Sigmoid(z[i, c]);
                s += p[i, c];
            }
            for (int c = 0; c < k; c++)
            {
                p[i, c] /= s;
            }
        }
        return p;
    }
}
