using System.Diagnostics;
using System.Text.Json;

namespace DlPath.Bench;

/// <summary>Runs the Python reference scripts (NumPy/OpenBLAS, PyTorch) as child processes and reads their JSON.</summary>
internal static class ReferenceScripts
{
    /// <summary>One figure of a reference run: GFLOP/s of NumPy and, if installed, PyTorch.</summary>
    public readonly record struct Figures(double Numpy, double? Torch);

    /// <summary>
    /// Runs <c>shared/bench/numpy_gemm.py</c> on the square sizes; returns GFLOP/s by n.
    /// </summary>
    public static Dictionary<int, Figures> SquareGemm(IReadOnlyList<int> sizes, int threads)
    {
        string script = Path.Combine(SharedFolder.Find(), "bench", "numpy_gemm.py");
        using JsonDocument doc = RunJson(script, ["--sizes", string.Join(',', sizes), "--threads", threads.ToString(), "--json"], threads);
        var result = new Dictionary<int, Figures>();
        foreach (JsonElement row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            result[row.GetProperty("n").GetInt32()] = ReadFigures(row);
        }

        return result;
    }

    /// <summary>Runs <c>bench/reference/numpy_shapes.py</c> on "OPS:MxKxN" shapes; returns GFLOP/s by shape.</summary>
    public static Dictionary<string, Figures> Shapes(IReadOnlyList<string> shapes, int threads)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "reference", "numpy_shapes.py");
        using JsonDocument doc = RunJson(script, ["--shapes", string.Join(',', shapes), "--threads", threads.ToString(), "--json"], threads);
        var result = new Dictionary<string, Figures>();
        foreach (JsonElement row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            result[row.GetProperty("shape").GetString()!] = ReadFigures(row);
        }

        return result;
    }

    private static Figures ReadFigures(JsonElement row) =>
        new(row.GetProperty("numpy_gflops").GetDouble(),
            row.TryGetProperty("torch_gflops", out JsonElement t) ? t.GetDouble() : null);

    private static JsonDocument RunJson(string script, IReadOnlyList<string> args, int threads)
    {
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"reference script not found: {script}");
        }

        // Debian's Python has python3-numpy and python3-torch; another python3 first on PATH may not.
        string python = Environment.GetEnvironmentVariable("DLPATH_PYTHON")
            ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The packaged OpenBLAS mis-detects this CPU and falls back to a ~5x slower kernel: name the right one,
        // for the child process only (never in tests or CI). The thread count matches DlPath's.
        psi.Environment["OPENBLAS_CORETYPE"] = "SkylakeX";
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString();
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString();

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {python}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{python} {Path.GetFileName(script)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        string json = stdout.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(json);
    }
}
