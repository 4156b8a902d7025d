namespace DlPath.Learn.Svm;

/// <summary>
/// Support vector classifier (scikit-learn's <c>SVC</c>): the C-SVM dual solved by SMO (<see cref="SmoSolver"/>,
/// LIBSVM's algorithm) with linear, polynomial or RBF (Gaussian) kernels; more than two classes by one-vs-one
/// voting, as LIBSVM. Use <see cref="KernelType.Rbf"/> with <c>Gamma = 1/(2σ²)</c> for the course's Gaussian kernel.
/// </summary>
public sealed class Svc : Classifier
{
    /// <summary>Penalty C &gt; 0 on margin violations. Default 1.</summary>
    [HyperParameter]
    public double C { get; set; } = 1.0;

    /// <summary>Kernel. Default RBF.</summary>
    [HyperParameter]
    public KernelType Kernel { get; set; } = KernelType.Rbf;

    /// <summary>Polynomial degree. Default 3.</summary>
    [HyperParameter]
    public int Degree { get; set; } = 3;

    /// <summary>γ of the RBF and polynomial kernels; null means scikit-learn's <c>'scale'</c>: 1 / (d · Var(X)).</summary>
    [HyperParameter]
    public double? Gamma { get; set; }

    /// <summary>Independent term of the polynomial kernel. Default 0.</summary>
    [HyperParameter]
    public double Coef0 { get; set; }

    /// <summary>KKT tolerance of the stopping test. Default 1e-3 (scikit-learn's <c>tol</c>).</summary>
    [HyperParameter]
    public double Tol { get; set; } = 1e-3;

    /// <summary>Maximum SMO steps per pairwise problem. Default 10,000,000.</summary>
    [HyperParameter]
    public int MaxIter { get; set; } = 10_000_000;

    /// <summary>The γ used by the fitted kernel.</summary>
    public double FittedGamma { get; private set; }

    /// <summary>Indices (into the training set) of the support vectors, over all pairwise models.</summary>
    public int[] Support { get; private set; } = [];

    private double[][] _supportVectors = [];
    private PairModel[] _models = [];

    private sealed record PairModel(int First, int Second, int[] Vectors, double[] Coefficients, double Bias);

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Check.Positive(Name, nameof(C), C);
        Check.Positive(Name, nameof(Tol), Tol);
        Check.AtLeast(Name, nameof(Degree), Degree, 1);
        Check.AtLeast(Name, nameof(MaxIter), MaxIter, 1);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (Gamma is double g)
        {
            Check.Positive(Name, nameof(Gamma), g);
            FittedGamma = g;
        }
        else
        {
            double mean = 0, sq = 0;
            foreach (var v in x)
            {
                mean += v;
            }
            mean /= n * d;
            foreach (var v in x)
            {
                sq += (v - mean) * (v - mean);
            }
            double variance = sq / (n * d);
            FittedGamma = variance > 0 ? 1 / (d * variance) : 1.0;
        }

        var rows = LinAlg.Rows(x);
        var kernel = new double[n][];
        for (int i = 0; i < n; i++)
        {
            kernel[i] = new double[n];
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                kernel[i][j] = kernel[j][i] = Kernels.Evaluate(Kernel, rows[i], rows[j], FittedGamma, Coef0, Degree);
            }
        }

        var models = new List<PairModel>();
        var used = new SortedSet<int>();
        for (int a = 0; a < classCount; a++)
        {
            for (int b = a + 1; b < classCount; b++)
            {
                var index = Enumerable.Range(0, n).Where(i => y[i] == a || y[i] == b).ToArray();
                var sign = index.Select(i => y[i] == a ? 1.0 : -1.0).ToArray();
                var (alpha, bias, _) = SmoSolver.Solve(kernel, index, sign, C, Tol, MaxIter);
                var vectors = new List<int>();
                var coefficients = new List<double>();
                for (int t = 0; t < index.Length; t++)
                {
                    if (alpha[t] > 0)
                    {
                        vectors.Add(index[t]);
                        coefficients.Add(alpha[t] * sign[t]);
                        used.Add(index[t]);
                    }
                }
                models.Add(new PairModel(a, b, [.. vectors], [.. coefficients], bias));
            }
        }
        Support = [.. used];
        _supportVectors = new double[n][];
        foreach (int i in used)
        {
            _supportVectors[i] = rows[i];
        }
        _models = [.. models];
    }

    /// <summary>
    /// The pairwise decision values <c>f(x) = Σ α_i y_i K(x_i, x) + b</c>, <c>[n, K(K−1)/2]</c>, pairs (0,1), (0,2), …, (1,2), …;
    /// positive favours the pair's first class (LIBSVM's convention).
    /// </summary>
    public double[,] PairwiseDecision(double[,] x)
    {
        EnsureFitted("PairwiseDecision");
        Check.Features($"{Name}.PairwiseDecision", x, FeatureCount);
        var rows = LinAlg.Rows(x);
        var r = new double[rows.Length, _models.Length];
        var cache = new Dictionary<int, double>();
        for (int s = 0; s < rows.Length; s++)
        {
            cache.Clear();
            for (int m = 0; m < _models.Length; m++)
            {
                var model = _models[m];
                double f = model.Bias;
                for (int v = 0; v < model.Vectors.Length; v++)
                {
                    int sv = model.Vectors[v];
                    if (!cache.TryGetValue(sv, out double k))
                    {
                        k = Kernels.Evaluate(Kernel, _supportVectors[sv], rows[s], FittedGamma, Coef0, Degree);
                        cache[sv] = k;
                    }
                    f += model.Coefficients[v] * k;
                }
                r[s, m] = f;
            }
        }
        return r;
    }

    /// <summary>For two classes, the signed distance-like score; positive favours <c>Classes[1]</c> (scikit-learn's <c>decision_function</c>).</summary>
    public double[] DecisionFunction(double[,] x)
    {
        EnsureFitted("DecisionFunction");
        if (Classes.Length != 2)
        {
            throw new InvalidOperationException($"{Name}.DecisionFunction: defined here for two classes; with {Classes.Length} classes use PairwiseDecision");
        }
        var p = PairwiseDecision(x);
        var r = new double[p.GetLength(0)];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = -p[i, 0];
        }
        return r;
    }

    /// <inheritdoc />
    protected override int[] PredictIndex(double[,] x)
    {
        var p = PairwiseDecision(x);
        var result = new int[p.GetLength(0)];
        var votes = new int[Classes.Length];
        for (int i = 0; i < result.Length; i++)
        {
            Array.Clear(votes);
            for (int m = 0; m < _models.Length; m++)
            {
                votes[p[i, m] > 0 ? _models[m].First : _models[m].Second]++;
            }
            int best = 0;
            for (int c = 1; c < votes.Length; c++)
            {
                if (votes[c] > votes[best])
                {
                    best = c;   // ties go to the lower class index, as LIBSVM
                }
            }
            result[i] = best;
        }
        return result;
    }

    /// <summary>Not available: an SVM gives margins, not probabilities (scikit-learn needs <c>probability=True</c>, which fits an extra Platt model).</summary>
    protected override double[,] ProbaCore(double[,] x) =>
        throw new NotSupportedException($"{Name}.PredictProba: an SVM gives decision values, not probabilities; use Predict, DecisionFunction or PairwiseDecision");
}
