using System.Text.Json;
using DlPath.Data.Datasets;

namespace DlPath.Cli.Tests;

/// <summary><c>dlpath project titanic</c>: the real command on the shared Kaggle files and on broken copies.</summary>
public sealed class ProjectCommandTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Titanic_json_run_writes_the_submission_and_prints_only_json()
    {
        var output = _home.File("titanic-out");
        var r = DlPathProcess.Run(_home.Path, "project", "titanic", "--data", DataLocator.Default.Find("titanic"), "--out", output, "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("models").GetArrayLength());
        Assert.True(root.GetProperty("best").GetProperty("cv_mean").GetDouble() >= 0.83, r.Stdout);
        var submission = root.GetProperty("submission").GetString()!;
        Assert.Equal(Path.Combine(output, "submission.csv"), submission);
        Assert.Equal(419, File.ReadAllLines(submission).Length);
        // The learner's report went to stderr.
        Assert.Contains("== 5. Stratified 5-fold cross-validation", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Titanic_bad_data_is_one_clear_message()
    {
        var data = _home.File("kaggle");
        Directory.CreateDirectory(data);
        var r = DlPathProcess.Run(_home.Path, "project", "titanic", "--data", data);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"dlpath: train.csv is not in {data}", r.Stderr, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(data, "train.csv"),
            "PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked\n1,0,3,\"Braund, Mr. Owen Harris\",male,22,1,0,A/5 21171,7.25,,S\n");
        File.WriteAllText(Path.Combine(data, "test.csv"),
            "PassengerId,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked\n892,3,\"Kelly, Mr. James\",male,34.5,0,0,330911,7.8292,,X\n");
        r = DlPathProcess.Run(_home.Path, "project", "titanic", "--data", data);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("dlpath: test.csv: line 2 (PassengerId 892), column 'Embarked': unknown category 'X'; the model knows C, Q, S", r.Stderr.Trim());
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }
}
