using System.Text.Json;
using DlPath.Data.Datasets;
using DlPath.Learn.ModelSelection;
using DlPath.Learn.Preprocessing;

namespace DlPath.Learn.Tests.Golden;

/// <summary>Runs a recorded scikit-learn cross-validation case with DlPath.Learn on the same folds.</summary>
public static class Parity
{
    private static readonly Dictionary<string, SklearnDataset> Cache = [];

    public static SklearnDataset Dataset(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var d))
            {
                d = SklearnDatasets.Load(name);
                Cache[name] = d;
            }
            return d;
        }
    }

    /// <summary>X and y of a case: the class labels, or (regression) one feature predicted from the others.</summary>
    public static (double[,] X, double[] Y) Data(CvCase c)
    {
        var d = Dataset(c.Dataset);
        if (c.TargetColumn is not int column)
        {
            return (d.Features, d.Target.Select(v => (double)v).ToArray());
        }
        int n = d.SampleCount, f = d.FeatureCount;
        var x = new double[n, f - 1];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = d.Features[i, column];
            for (int j = 0, k = 0; j < f; j++)
            {
                if (j != column)
                {
                    x[i, k++] = d.Features[i, j];
                }
            }
        }
        return (x, y);
    }

    public static IPredictor Build(CvCase c)
    {
        var parameters = c.Params.ToDictionary(p => p.Key, p => FromJson(p.Value));
        var estimator = (IPredictor)SklearnCompat.Create(c.Model, parameters);
        return c.Scale ? new Pipeline(("scale", new StandardScaler()), ("model", estimator)) : estimator;
    }

    public static CrossValidationResult Run(CvCase c, int? randomState = null)
    {
        var (x, y) = Data(c);
        var estimator = Build(c);
        if (randomState is int seed)
        {
            estimator.SetParams(new Dictionary<string, object?> { [c.Scale ? "model__RandomState" : "RandomState"] = seed });
        }
        return CrossValidation.CrossValidate(estimator, x, y, FixedFolds.FromTestFolds(y.Length, c.TestFolds));
    }

    /// <summary>The mean CV score over random states 0..seeds−1 (for estimators whose result depends on the seed).</summary>
    public static double SeedMean(CvCase c) => Enumerable.Range(0, c.Seeds).Average(s => Run(c, s).MeanTestScore);

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out long l) && !e.GetRawText().Contains('.') => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(v => v.GetInt64()).ToArray(),
        _ => null,
    };
}
