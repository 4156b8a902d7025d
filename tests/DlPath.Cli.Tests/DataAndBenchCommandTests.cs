using System.Text.Json;

namespace DlPath.Cli.Tests;

/// <summary><c>dlpath data</c> and <c>dlpath bench</c>, in-process (no network: downloads are tested in DlPath.Data.Tests).</summary>
public class DataAndBenchCommandTests
{
    private static (int Code, string Out, string Err) Run(string dataRoot, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, name => name switch
        {
            "DLPATH_HOME" => Path.GetTempPath(),
            "DLPATH_DATA" => dataRoot,
            _ => null,
        });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void DataListFindsTheSharedTitanicAndNamesTheFetchCommandForTheRest()
    {
        var empty = Directory.CreateTempSubdirectory("dlpath-data-").FullName;
        try
        {
            var (code, json, err) = Run(empty, "data", "list", "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(json);
            var datasets = doc.RootElement.GetProperty("datasets").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
            Assert.Equal(["fashion-mnist", "titanic", "ml-course", "sklearn"], datasets.Keys);
            Assert.EndsWith("titanic", datasets["titanic"].GetProperty("found").GetString());
            Assert.Equal("dlpath data get titanic", datasets["titanic"].GetProperty("fetch").GetString());
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void UnknownDatasetIsAClearMessage()
    {
        var (code, _, err) = Run(Path.GetTempPath(), "data", "get", "imagenet");
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("unknown dataset 'imagenet': known datasets are fashion-mnist, titanic, ml-course, sklearn", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchGemmJsonHasOneRowPerSize()
    {
        var (code, json, err) = Run(Path.GetTempPath(), "bench", "gemm", "--sizes", "16,33", "--threads", "1", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([16, 33], rows.Select(r => r.GetProperty("n").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("gflops").GetDouble() > 0));
        Assert.Equal(1, doc.RootElement.GetProperty("threads").GetInt32());
    }

    [Theory]
    [InlineData("--sizes", "12,x", "--sizes: 'x' is not a size between 1 and 16384")]
    [InlineData("--threads", "0", "--threads must be between 1 and 1024, got 0")]
    public void AbsurdBenchFlagsAreRefused(string flag, string value, string message)
    {
        var (code, _, err) = Run(Path.GetTempPath(), "bench", "gemm", flag, value);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }
}
