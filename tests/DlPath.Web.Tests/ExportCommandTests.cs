using DlPath.Cli;
using DlPath.NN.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace DlPath.Web.Tests;

/// <summary><c>dlpath export onnx</c> next to the progress <c>dlpath export FILE</c>, run in-process.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public void Export_onnx_writes_a_file_onnx_runtime_loads_and_progress_export_still_works()
    {
        string dir = Directory.CreateTempSubdirectory("dlpath-export-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "mlp.safetensors"), onnx = Path.Combine(dir, "mlp.onnx");
            SequentialCheckpoint.Save(checkpoint, TestModels.Mlp(), [1, 28, 28]);
            var env = new Dictionary<string, string?> { ["DLPATH_HOME"] = Path.Combine(dir, "home") };
            var (code, output, error) = Run(["export", "onnx", checkpoint, onnx], env);
            Assert.True(code == 0, error);
            Assert.Contains("25,450 parameters", output);
            using (var session = new InferenceSession(onnx))
            {
                Assert.Equal("input", session.InputMetadata.Keys.Single());
            }

            (code, _, error) = Run(["export", Path.Combine(dir, "progress.json")], env);
            Assert.True(code == 0, error);
            Assert.True(File.Exists(Path.Combine(dir, "progress.json")));

            (code, _, error) = Run(["export", "onnx", Path.Combine(dir, "missing.safetensors"), onnx], env);
            Assert.Equal(CliApp.UserError, code);
            Assert.Contains("no checkpoint", error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static (int Code, string Output, string Error) Run(string[] args, Dictionary<string, string?> env)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, name => env.GetValueOrDefault(name));
        return (code, output.ToString(), error.ToString());
    }
}
