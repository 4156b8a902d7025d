using System.Text.Json;

namespace DlPath.Cli.Tests;

/// <summary><c>dlpath course ml</c> and <c>dlpath train</c>, in-process on the shared test data.</summary>
public class TrainAndCourseCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, name => name == "DLPATH_HOME" ? Path.GetTempPath() : null);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void CourseMlEx1JsonHasTheScriptsNumbersAndWritesPlots()
    {
        var plots = Directory.CreateTempSubdirectory("dlpath-ex1-").FullName;
        try
        {
            var (code, json, err) = Run("course", "ml", "ex1", "--json", "--plots", plots);
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(json);
            var text = doc.RootElement.ToString();
            Assert.Contains("32.07", text, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(plots, "*.png", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(plots, true);
        }
    }

    [Fact]
    public void CourseMlPrintsQuantitiesAsLines()
    {
        var (code, output, err) = Run("course", "ml", "ex1");
        Assert.True(code == 0, err);
        Assert.Contains("ex1", output, StringComparison.Ordinal);
        Assert.Contains("32.07", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model", "resnet", "--model: 'resnet' is not one of mlp, cnn")]
    [InlineData("--epochs", "0", "--epochs must be between 1 and 1000, got 0")]
    [InlineData("--threads", "-2", "--threads must be between 1 and 1024, got -2")]
    [InlineData("--schedule", "cosine", "--schedule: 'cosine' is not one of constant, onecycle")]
    [InlineData("--lr", "0", "--lr must be a number in (0, 10], got 0")]
    [InlineData("--lr", "NaN", "--lr must be a number in (0, 10], got NaN")]
    public void TrainRefusesAbsurdFlagsBeforeLoadingAnything(string flag, string value, string message)
    {
        var (code, _, err) = Run("train", "fashion-mnist", flag, value);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }
}
