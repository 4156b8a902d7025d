namespace DlPath.Learn.Preprocessing;

/// <summary>
/// A chain of transformers ending in a predictor (scikit-learn's <c>Pipeline</c>): <c>Fit</c> fits and applies each
/// transformer in turn and fits the last step on the result; <c>Predict</c> / <c>Score</c> transform and then ask the
/// last step. Hyper-parameters are addressed as <c>"step__Param"</c>, so a pipeline can go into grid search and
/// cross-validation (the scaler is then fitted on each training fold only, as it should be).
/// </summary>
public sealed class Pipeline : Estimator, IClassifier
{
    private readonly List<(string Name, IEstimator Step)> _steps;

    /// <summary>Creates a pipeline from named steps; all but the last must be transformers, the last a predictor.</summary>
    public Pipeline(params (string Name, IEstimator Step)[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0)
        {
            throw new ArgumentException("Pipeline: needs at least one step");
        }
        for (int i = 0; i < steps.Length; i++)
        {
            if (string.IsNullOrEmpty(steps[i].Name) || steps[i].Name.Contains("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Pipeline: step {i} needs a name without '__'");
            }
            if (i < steps.Length - 1 && steps[i].Step is not ITransformer)
            {
                throw new ArgumentException($"Pipeline: step '{steps[i].Name}' ({steps[i].Step.GetType().Name}) is not a transformer; only the last step may be a predictor");
            }
        }
        if (steps[^1].Step is not IPredictor)
        {
            throw new ArgumentException($"Pipeline: the last step '{steps[^1].Name}' ({steps[^1].Step.GetType().Name}) must be a predictor (a classifier or regressor)");
        }
        if (steps.Select(s => s.Name).Distinct().Count() != steps.Length)
        {
            throw new ArgumentException("Pipeline: step names must be unique");
        }
        _steps = [.. steps];
    }

    /// <summary>The named steps, in order.</summary>
    public IReadOnlyList<(string Name, IEstimator Step)> Steps => _steps;

    /// <summary>The step with a given name.</summary>
    public IEstimator this[string name] => _steps.FirstOrDefault(s => s.Name == name).Step
        ?? throw new KeyNotFoundException($"Pipeline: no step named '{name}'; steps: {string.Join(", ", _steps.Select(s => s.Name))}");

    private IPredictor Final => (IPredictor)_steps[^1].Step;

    /// <inheritdoc />
    public double[] Classes => Final is IClassifier c ? c.Classes : throw new InvalidOperationException($"Pipeline: the last step {Final.GetType().Name} is not a classifier");

    /// <inheritdoc />
    public IPredictor Fit(double[,] x, double[] y)
    {
        var current = x;
        for (int i = 0; i < _steps.Count - 1; i++)
        {
            current = ((ITransformer)_steps[i].Step).Fit(current, y).Transform(current);
        }
        Final.Fit(current, y);
        IsFitted = true;
        return this;
    }

    /// <summary>Applies every transformer step (not the final predictor).</summary>
    public double[,] TransformSteps(double[,] x)
    {
        EnsureFitted("TransformSteps");
        var current = x;
        for (int i = 0; i < _steps.Count - 1; i++)
        {
            current = ((ITransformer)_steps[i].Step).Transform(current);
        }
        return current;
    }

    /// <inheritdoc />
    public double[] Predict(double[,] x)
    {
        EnsureFitted("Predict");
        return Final.Predict(TransformSteps(x));
    }

    /// <inheritdoc />
    public double[,] PredictProba(double[,] x)
    {
        EnsureFitted("PredictProba");
        return Final is IClassifier c
            ? c.PredictProba(TransformSteps(x))
            : throw new InvalidOperationException($"Pipeline.PredictProba: the last step {Final.GetType().Name} is not a classifier");
    }

    /// <inheritdoc />
    public double Score(double[,] x, double[] y)
    {
        EnsureFitted("Score");
        return Final.Score(TransformSteps(x), y);
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> GetParams()
    {
        var r = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, step) in _steps)
        {
            foreach (var (k, v) in step.GetParams())
            {
                r[$"{name}__{k}"] = v;
            }
        }
        return r;
    }

    /// <inheritdoc />
    public override void SetParam(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        int split = name.IndexOf("__", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new ArgumentException($"Pipeline.SetParams: '{name}' should be 'step__Parameter' (steps: {string.Join(", ", _steps.Select(s => s.Name))})", nameof(name));
        }
        var step = this[name[..split]];
        step.SetParams(new Dictionary<string, object?> { [name[(split + 2)..]] = value });
        IsFitted = false;
    }

    /// <inheritdoc />
    public override IEstimator Clone() => new Pipeline([.. _steps.Select(s => (s.Name, s.Step.Clone()))]);

    /// <inheritdoc />
    public override string ToString() => $"Pipeline({string.Join(", ", _steps.Select(s => $"{s.Name}={s.Step}"))})";
}
