using System.Text.Json;
using DlPath.Course.Projects.Titanic;
using DlPath.Learn.Metrics;
using DlPath.Learn.ModelSelection;

namespace DlPath.Course.Tests.Projects.Titanic;

/// <summary>Runs the whole pipeline once on the shared Kaggle files (about 20 s on a loaded 2-core machine).</summary>
public sealed class TitanicRunFixture : IDisposable
{
    public TitanicRunFixture()
    {
        OutputDirectory = Path.Combine(Path.GetTempPath(), "dlpath-titanic-run-" + Guid.NewGuid().ToString("N"));
        var log = new StringWriter();
        Result = TitanicProject.Run(new TitanicOptions { DataDirectory = TitanicTestData.Directory, OutputDirectory = OutputDirectory }, log);
        Log = log.ToString();
    }

    public string OutputDirectory { get; }

    public TitanicResult Result { get; }

    public string Log { get; }

    public void Dispose()
    {
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
    }
}

public class TitanicProjectTests(TitanicRunFixture run) : IClassFixture<TitanicRunFixture>
{
    private static readonly string[] ModelNames =
    [
        "logistic regression", "k-NN (k = 15)", "SVM (RBF kernel)", "random forest", "gradient boosting", "MLP (DlPath.NN)", TitanicModels.EnsembleName,
    ];

    [Fact]
    public void SubmissionHasTheKaggleShape()
    {
        Assert.Equal(Path.Combine(run.OutputDirectory, "submission.csv"), run.Result.SubmissionPath);
        var lines = File.ReadAllLines(run.Result.SubmissionPath);
        Assert.Equal("PassengerId,Survived", lines[0]);
        Assert.Equal(419, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(TitanicTestData.Dataset.Test.Select(p => p.PassengerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Contains(r[1], new[] { "0", "1" }));
        // A sensible model predicts roughly the training survival rate (38%), not all-dead or all-alive.
        Assert.InRange(rows.Count(r => r[1] == "1"), 120, 220);
    }

    [Fact]
    public void SevenModelsAreComparedAndTheBestReachesTheTarget()
    {
        Assert.Equal(ModelNames, run.Result.Models.Select(m => m.Name));
        Assert.All(run.Result.Models, m =>
        {
            Assert.Equal(5, m.FoldAccuracies.Count);
            Assert.InRange(m.Mean, 0.78, 0.88);
            Assert.InRange(m.Std, 0.001, 0.08);
        });
        // Measured: logistic regression 0.8350 ± 0.0341 (seed 42); the issue's target is 0.83.
        Assert.True(run.Result.Best.Mean >= 0.83, run.Result.ScoreTable());
        Assert.Equal(run.Result.Models.Max(m => m.Mean), run.Result.Best.Mean);
        Assert.Contains("<- best", run.Result.ScoreTable());
    }

    [Fact]
    public void JsonHasTheShapeOfTheIssue()
    {
        using var doc = JsonDocument.Parse(run.Result.ToJson());
        var root = doc.RootElement;
        Assert.Equal(["models", "best", "submission", "imputed"], root.EnumerateObject().Select(p => p.Name));
        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(ModelNames, models.Select(m => m.GetProperty("name").GetString()));
        Assert.All(models, m => Assert.Equal(["name", "cv_mean", "cv_std"], m.EnumerateObject().Select(p => p.Name)));
        var best = root.GetProperty("best");
        Assert.Equal(["name", "cv_mean"], best.EnumerateObject().Select(p => p.Name));
        Assert.Equal(run.Result.Best.Name, best.GetProperty("name").GetString());
        Assert.Equal(models.Max(m => m.GetProperty("cv_mean").GetDouble()), best.GetProperty("cv_mean").GetDouble());
        Assert.Equal(run.Result.SubmissionPath, root.GetProperty("submission").GetString());
        var age = root.GetProperty("imputed").GetProperty("Age");
        Assert.Equal((177, 86), (age.GetProperty("train").GetInt32(), age.GetProperty("test").GetInt32()));
        Assert.Equal(["Age", "Fare", "Embarked", "Cabin"], root.GetProperty("imputed").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ReportAndPlotsAreWritten()
    {
        Assert.Equal(4, run.Result.PlotPaths.Count);
        Assert.All(run.Result.PlotPaths, p => Assert.True(File.Exists(p), p));
        foreach (var step in new[] { "== 1. Load", "== 2. Explore", "== 3. Plots", "== 4. Features (21)", "== 5. Stratified 5-fold", "== 6. Fit" })
        {
            Assert.Contains(step, run.Log);
        }
        Assert.Matches(@"Age\s+177 train \+\s+86 test rows: median age", run.Log);
    }

    [Fact]
    public void EnsembleScoreEqualsFittingTheVotingClassifier()
    {
        // The comparison scores the ensemble from its members' held-out probabilities; fitting the real
        // SoftVotingClassifier on the first fold must give the same accuracy.
        var data = TitanicTestData.Dataset;
        var features = TitanicFeatures.Fit(data.Train, data.Test);
        var x = features.Transform(data.Train, "train.csv");
        var y = TitanicFeatures.Labels(data.Train);
        var (train, test) = new StratifiedKFold(5, shuffle: true, randomState: 42).Split(y.Length, y).First();
        var ensemble = TitanicModels.Ensemble(42);
        ensemble.Fit(ModelComparison.TakeRows(x, train), ModelComparison.Take(y, train));
        var accuracy = ClassificationMetrics.Accuracy(ModelComparison.Take(y, test), ensemble.Predict(ModelComparison.TakeRows(x, test)));
        Assert.Equal(run.Result.Models.Single(m => m.Name == TitanicModels.EnsembleName).FoldAccuracies[0], accuracy, 12);
    }

    [Fact]
    public void BadInputStopsTheRunWithTheRowAndColumn()
    {
        var test = TitanicTestData.TestRows.ToArray();
        test[1] = test[1].Replace(",S", ",Southampton");
        var dir = TitanicTestData.WriteFolder(
            TitanicTestData.Csv(TitanicTestData.TrainHeader, TitanicTestData.TrainRows),
            TitanicTestData.Csv(TitanicTestData.TestHeader, test));
        try
        {
            var ex = Assert.Throws<TitanicDataException>(() =>
                TitanicProject.Run(new TitanicOptions { DataDirectory = dir, OutputDirectory = Path.Combine(dir, "out") }, TextWriter.Null));
            Assert.Equal("test.csv: line 3 (PassengerId 893), column 'Embarked': unknown category 'Southampton'; the model knows C, Q, S", ex.Message);
            Assert.False(File.Exists(Path.Combine(dir, "out", "submission.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
