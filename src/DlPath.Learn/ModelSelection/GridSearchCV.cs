namespace DlPath.Learn.ModelSelection;

/// <summary>
/// Exhaustive search over a grid of hyper-parameters by cross-validation (scikit-learn's <c>GridSearchCV</c>):
/// every combination is cross-validated on clones; the best mean test score wins (the first on ties) and, with
/// <see cref="Refit"/>, a clone with those parameters is fitted on all the data and answers Predict / Score.
/// </summary>
/// <example><code>
/// var search = new GridSearchCV
/// {
///     Estimator = new Pipeline(("scale", new StandardScaler()), ("svc", new Svc())),
///     ParamGrid = new Dictionary&lt;string, object?[]&gt; { ["svc__C"] = [0.1, 1.0, 10.0], ["svc__Gamma"] = [0.01, 0.1] },
/// };
/// search.Fit(x, y);   // search.BestParams, search.BestScore
/// </code></example>
public sealed class GridSearchCV : Estimator, IClassifier
{
    /// <summary>The estimator to tune (cloned for every fit).</summary>
    [HyperParameter]
    public IPredictor? Estimator { get; set; }

    /// <summary>Parameter name → values to try.</summary>
    [HyperParameter]
    public IReadOnlyDictionary<string, object?[]> ParamGrid { get; set; } = new Dictionary<string, object?[]>();

    /// <summary>Number of folds (stratified for classifiers). Default 5. Ignored when <see cref="Splitter"/> is set.</summary>
    [HyperParameter]
    public int Cv { get; set; } = 5;

    /// <summary>An explicit splitter (overrides <see cref="Cv"/>).</summary>
    [HyperParameter]
    public ICrossValidator? Splitter { get; set; }

    /// <summary>Refit the best parameters on all the data. Default true.</summary>
    [HyperParameter]
    public bool Refit { get; set; } = true;

    /// <summary>Custom scoring (default: the estimator's Score).</summary>
    [HyperParameter]
    public Func<IPredictor, double[,], double[], double>? Scoring { get; set; }

    /// <summary>The winning combination.</summary>
    public IReadOnlyDictionary<string, object?> BestParams { get; private set; } = new Dictionary<string, object?>();

    /// <summary>Its mean cross-validated score.</summary>
    public double BestScore { get; private set; } = double.NaN;

    /// <summary>The refitted best estimator (null without <see cref="Refit"/>).</summary>
    public IPredictor? BestEstimator { get; private set; }

    /// <summary>Every combination with its fold scores, in grid order.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, object?> Params, double[] Scores, double Mean)> CvResults { get; private set; } = [];

    /// <inheritdoc />
    public double[] Classes => BestEstimator is IClassifier c ? c.Classes : throw new InvalidOperationException("GridSearchCV: no refitted classifier");

    /// <inheritdoc />
    public IPredictor Fit(double[,] x, double[] y)
    {
        var estimator = Estimator ?? throw new InvalidOperationException("GridSearchCV.Fit: set Estimator first");
        ArgumentNullException.ThrowIfNull(ParamGrid);
        var cv = Splitter ?? CrossValidation.DefaultSplitter(estimator, Cv);
        var results = new List<(IReadOnlyDictionary<string, object?>, double[], double)>();
        double best = double.NegativeInfinity;
        IReadOnlyDictionary<string, object?> bestParams = new Dictionary<string, object?>();
        foreach (var combo in Combinations())
        {
            var candidate = (IPredictor)estimator.Clone();
            candidate.SetParams(combo);
            var scores = CrossValidation.CrossValScore(candidate, x, y, cv, Scoring);
            double mean = scores.Average();
            results.Add((combo, scores, mean));
            if (mean > best)
            {
                best = mean;
                bestParams = combo;
            }
        }
        CvResults = results;
        BestScore = best;
        BestParams = bestParams;
        if (Refit)
        {
            var model = (IPredictor)estimator.Clone();
            model.SetParams(bestParams);
            model.Fit(x, y);
            BestEstimator = model;
        }
        IsFitted = true;
        return this;
    }

    private IEnumerable<IReadOnlyDictionary<string, object?>> Combinations()
    {
        var keys = ParamGrid.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        foreach (var k in keys)
        {
            if (ParamGrid[k] is not { Length: > 0 })
            {
                throw new ArgumentException($"GridSearchCV: the grid for '{k}' has no values");
            }
        }
        var index = new int[keys.Length];
        while (true)
        {
            var combo = new Dictionary<string, object?>();
            for (int i = 0; i < keys.Length; i++)
            {
                combo[keys[i]] = ParamGrid[keys[i]][index[i]];
            }
            yield return combo;
            int p = keys.Length - 1;
            while (p >= 0 && ++index[p] == ParamGrid[keys[p]].Length)
            {
                index[p] = 0;
                p--;
            }
            if (p < 0)
            {
                yield break;
            }
        }
    }

    private IPredictor Fitted(string op)
    {
        EnsureFitted(op);
        return BestEstimator ?? throw new InvalidOperationException($"GridSearchCV.{op}: Refit is off, so there is no fitted estimator");
    }

    /// <inheritdoc />
    public double[] Predict(double[,] x) => Fitted("Predict").Predict(x);

    /// <inheritdoc />
    public double[,] PredictProba(double[,] x) => Fitted("PredictProba") is IClassifier c
        ? c.PredictProba(x)
        : throw new InvalidOperationException("GridSearchCV.PredictProba: the estimator is not a classifier");

    /// <inheritdoc />
    public double Score(double[,] x, double[] y) => Fitted("Score").Score(x, y);
}
