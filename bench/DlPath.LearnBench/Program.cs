using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DlPath.Learn.Tests.Golden;

// DlPath.Learn vs scikit-learn, side by side: for every recorded case (or those whose name contains the first
// argument) both libraries fit the same estimator on the same 5 folds; scores and mean fit times are printed
// together. scikit-learn runs in this same process tree (python3 sklearn_side.py) unless --recorded is given or
// Python/scikit-learn is missing (DLPATH_PYTHON names the interpreter; default /usr/bin/python3), in which case the times recorded in the golden file are shown and marked.
//
//   dotnet run -c Release --project bench/DlPath.LearnBench [name-filter] [--recorded]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var filter = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "";
bool recordedOnly = args.Contains("--recorded");
var cases = LearnGolden.Cv.Where(c => c.Name.Contains(filter, StringComparison.Ordinal)).ToList();
if (cases.Count == 0)
{
    Console.Error.WriteLine($"no case name contains '{filter}'");
    return 1;
}

var live = recordedOnly ? null : RunScikitLearn(filter);
string source = live != null ? $"scikit-learn {live.Value.Version}, timed now" : "scikit-learn 1.2.1 as recorded in learn.json (not this run)";
Console.WriteLine($"DlPath.Learn vs {source}; {Environment.ProcessorCount} logical CPUs; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"{"case",-32} {"sklearn",8} {"DlPath",8} {"diff",7}   {"sk fit ms",10} {"our fit ms",10} {"ours/sk",8}");
int within = 0;
foreach (var c in cases)
{
    // A cheap case is run twice and timed the second time, so it is not charged for JIT compilation.
    var result = Parity.Run(c);
    if (result.FitTimes.Sum() < 1)
    {
        result = Parity.Run(c);
    }
    double skMean = c.Mean, skFit = c.FitSeconds;
    if (live?.Cases.TryGetValue(c.Name, out var now) == true)
    {
        (skMean, skFit) = now;
    }
    double ours = result.MeanTestScore, ourFit = result.FitTimes.Average();
    double diff = Math.Round(ours - skMean, 4);
    within += Math.Abs(ours - skMean) <= 0.01 ? 1 : 0;
    Console.WriteLine($"{c.Name,-32} {skMean,8:F4} {ours,8:F4} {(diff == 0 ? " 0.0000" : diff.ToString("+0.0000;-0.0000")),7}   {skFit * 1000,10:F1} {ourFit * 1000,10:F1} {ourFit / skFit,8:F2}");
}
Console.WriteLine($"{within} of {cases.Count} single-seed CV means within 0.01 of scikit-learn's (seed-dependent estimators are compared over seeds by the tests)");
return 0;

static (string Version, Dictionary<string, (double, double)> Cases)? RunScikitLearn(string filter)
{
    string baseDir = AppContext.BaseDirectory;
    string golden = Path.Combine(baseDir, "golden", "learn.json");
    string? generatorDir = FindUp(baseDir, Path.Combine("tests", "golden", "make_golden_learn.py"));
    if (generatorDir == null)
    {
        Console.Error.WriteLine("tests/golden/make_golden_learn.py not found above the bench; showing recorded scikit-learn times");
        return null;
    }
    try
    {
        // Debian's python3-sklearn lives in the system interpreter; another python3 may come first on PATH.
        string python = Environment.GetEnvironmentVariable("DLPATH_PYTHON")
            ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(baseDir, "sklearn_side.py"), golden, generatorDir, filter })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine($"python3 sklearn_side.py failed ({p.ExitCode}): {stderr.Result.Trim()}; showing recorded scikit-learn times");
            return null;
        }
        using var doc = JsonDocument.Parse(stdout.Result);
        var cases = doc.RootElement.GetProperty("cases").EnumerateObject().ToDictionary(
            e => e.Name, e => (e.Value.GetProperty("mean").GetDouble(), e.Value.GetProperty("fit_seconds").GetDouble()));
        return (doc.RootElement.GetProperty("version").GetString()!, cases);
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.Error.WriteLine("python3 is not installed; showing recorded scikit-learn times");
        return null;
    }
}

static string? FindUp(string start, string relative)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, relative)))
        {
            return Path.GetDirectoryName(Path.Combine(dir.FullName, relative));
        }
    }
    return null;
}
