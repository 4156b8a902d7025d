using System.Text.Json;

namespace DlPath.Learn.Tests.Golden;

/// <summary>One cross-validation case recorded from scikit-learn by tests/golden/make_golden_learn.py.</summary>
public sealed record CvCase(string Name, string Dataset, string Task, string Model, IReadOnlyDictionary<string, JsonElement> Params, bool Scale,
    int[][] TestFolds, double[] Scores, double Mean, double FitSeconds, int? TargetColumn, int Seeds, double? SeedMean)
{
    public override string ToString() => Name;
}

/// <summary>PCA and KMeans results recorded from scikit-learn on standardised data.</summary>
public sealed record UnsupervisedCase(string Name, string Dataset, double[] PcaExplainedVarianceRatio, double[] PcaFirstComponent, int KMeansClusters, double KMeansInertia);

/// <summary>Reads golden/learn.json (format version 1).</summary>
public static class LearnGolden
{
    public const int FormatVersion = 1;

    private static readonly Lazy<(IReadOnlyList<CvCase> Cv, IReadOnlyList<UnsupervisedCase> Unsupervised)> Doc = new(Read);

    public static IReadOnlyList<CvCase> Cv => Doc.Value.Cv;

    public static IReadOnlyList<UnsupervisedCase> Unsupervised => Doc.Value.Unsupervised;

    public static CvCase Case(string name) => Cv.Single(c => c.Name == name);

    private static (IReadOnlyList<CvCase>, IReadOnlyList<UnsupervisedCase>) Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", "learn.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        int version = root.GetProperty("format_version").GetInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"learn.json: format version {version}, this loader reads {FormatVersion}; regenerate with tests/golden/make_golden_learn.py");
        }
        var cv = root.GetProperty("cv").EnumerateArray().Select(c => new CvCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("dataset").GetString()!,
            c.GetProperty("task").GetString()!,
            c.GetProperty("model").GetString()!,
            c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
            c.GetProperty("scale").GetBoolean(),
            c.GetProperty("test_folds").EnumerateArray().Select(f => f.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray(),
            Doubles(c.GetProperty("scores")),
            c.GetProperty("mean").GetDouble(),
            c.GetProperty("fit_seconds").GetDouble(),
            c.TryGetProperty("target_column", out var t) ? t.GetInt32() : null,
            c.TryGetProperty("seeds", out var k) ? k.GetInt32() : 0,
            c.TryGetProperty("seed_mean", out var sm) ? sm.GetDouble() : null)).ToList();
        var un = root.GetProperty("unsupervised").EnumerateArray().Select(c => new UnsupervisedCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("dataset").GetString()!,
            Doubles(c.GetProperty("pca_explained_variance_ratio")),
            Doubles(c.GetProperty("pca_first_component")),
            c.GetProperty("kmeans_clusters").GetInt32(),
            c.GetProperty("kmeans_inertia").GetDouble())).ToList();
        return (cv, un);
    }

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
