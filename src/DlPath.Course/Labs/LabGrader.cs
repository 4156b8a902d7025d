using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DlPath.Course.Labs;

/// <summary>
/// <c>dlpath lab check</c>: builds the learner's project, runs the checks in a separate grading process under a
/// time and memory limit, and turns whatever happened (verdicts, a time-out, a crash) into a <see cref="LabVerdict"/>.
/// </summary>
public sealed class LabGrader
{
    private readonly string _hostAssembly;

    /// <summary>Creates a grader that runs <paramref name="hostAssembly"/> (DlPath.LabHost.dll).</summary>
    public LabGrader(string hostAssembly, LabBuilder? builder = null)
    {
        _hostAssembly = Path.GetFullPath(hostAssembly);
        Builder = builder ?? new LabBuilder();
    }

    /// <summary>The builder used for the learner's project.</summary>
    public LabBuilder Builder { get; }

    /// <summary>DlPath.Tensors.dll the learner's project is built against.</summary>
    public string TensorsAssembly => LabHostLocator.TensorsNextTo(_hostAssembly);

    /// <summary>Overrides lab.json's time limit (tests use it to keep an infinite loop short).</summary>
    public TimeSpan? TimeLimitOverride { get; init; }

    /// <summary>Builds <paramref name="projectPath"/> and grades it against <paramref name="lab"/>.</summary>
    public LabVerdict Check(LabDefinition lab, string projectPath, CancellationToken cancel = default)
    {
        var build = Builder.Build(projectPath, TensorsAssembly);
        if (!build.Succeeded)
        {
            return new LabVerdict
            {
                LabId = lab.Id,
                Task = lab.Task,
                Passed = false,
                Built = false,
                BuildErrors = build.Errors,
                BuildSeconds = build.Seconds,
                Checks = lab.Checks.Select(c => NotRun(c, "not run: the project does not build")).ToList(),
            };
        }

        return Grade(lab, build.AssemblyPath, cancel) with { BuildSkipped = build.Skipped, BuildSeconds = build.Seconds };
    }

    /// <summary>Grades an already built <paramref name="assemblyPath"/> in the grading process.</summary>
    public LabVerdict Grade(LabDefinition lab, string assemblyPath, CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var arg in new[] { _hostAssembly, "--lab", lab.Directory, "--assembly", Path.GetFullPath(assemblyPath) })
            start.ArgumentList.Add(arg);
        // The GC's hard limit turns a runaway allocation into an OutOfMemoryException inside the check
        // instead of swapping the learner's machine.
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)lab.MemoryLimitMiB * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);

        var results = new Dictionary<string, CheckResult>(StringComparer.Ordinal);
        string? running = null;
        string? fatal = null;
        var limit = TimeLimitOverride ?? TimeSpan.FromSeconds(lab.TimeLimitSeconds);
        var outcome = ProcessRunner.Run(start, limit, line =>
        {
            if (!line.StartsWith(GraderEvent.Marker, StringComparison.Ordinal)) return; // the learner's own output
            GraderEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<GraderEvent>(line.AsSpan(GraderEvent.Marker.Length), LabJson.Compact);
            }
            catch (JsonException)
            {
                return;
            }

            lock (results)
            {
                switch (e?.Event)
                {
                    case "start": running = e.Check; break;
                    case "result" when e.Result is not null:
                        results[e.Result.Id] = e.Result;
                        running = null;
                        break;
                    case "fatal": fatal = e.Message; break;
                }
            }
        }, cancel);

        string? problem = null;
        if (outcome.TimedOut)
            problem = $"grading stopped after {limit.TotalSeconds:0.#} s (time limit){(running is null ? "" : $" during check '{running}'")}: an infinite loop, or code far slower than needed";
        else if (fatal is not null)
            problem = fatal;
        else if (outcome.ExitCode != 0)
            problem = DescribeCrash(outcome.ExitCode, outcome.StdErr, running, lab.MemoryLimitMiB);

        var checks = new List<CheckResult>();
        foreach (var def in lab.Checks)
        {
            if (results.TryGetValue(def.Id, out var r))
            {
                checks.Add(r);
            }
            else if (def.Id == running && outcome.TimedOut)
            {
                checks.Add(NotRun(def, $"did not finish within the {limit.TotalSeconds:0.#} s time limit: look for a loop that never ends") with
                {
                    Status = CheckStatus.TimedOut,
                    Mistake = "timeout",
                    Hint = lab.HintFor(def.Id, "timeout") ?? "A loop whose counter never advances, or recursion that never reaches its base case, keeps the check running forever.",
                });
            }
            else if (def.Id == running)
            {
                checks.Add(NotRun(def, problem ?? "the grading process died") with
                {
                    Status = CheckStatus.Crashed,
                    Mistake = "crash",
                    Hint = lab.HintFor(def.Id, "crash") ?? "A stack overflow usually means a method calls itself (or a property returns itself) without a base case.",
                });
            }
            else
            {
                checks.Add(NotRun(def, problem is null ? "not run" : "not run: grading stopped early"));
            }
        }

        var required = checks.Where(c => c.Required).ToList();
        double score = required.Count == 0 ? 0 : (double)required.Count(c => c.Passed) / required.Count;
        return new LabVerdict
        {
            LabId = lab.Id,
            Task = lab.Task,
            Passed = problem is null && required.All(c => c.Passed),
            Score = score,
            Checks = checks,
            GradeSeconds = outcome.Elapsed.TotalSeconds,
            ProcessProblem = problem,
        };
    }

    private static string DescribeCrash(int exitCode, string stderr, string? running, int memoryMiB)
    {
        var where = running is null ? "" : $" during check '{running}'";
        if (stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
        {
            // The runtime prints the repeating frames; show the first few so the learner sees which method recursed.
            var frames = stderr.Split('\n').Select(l => l.Trim())
                .Where(l => l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("at DlPath.", StringComparison.Ordinal) && !l.StartsWith("at System.", StringComparison.Ordinal))
                .Distinct().Take(3);
            return $"stack overflow{where} (exit code {exitCode}): a method recursed without end. {string.Join(" | ", frames)}".TrimEnd();
        }

        if (stderr.Contains("OutOfMemory", StringComparison.Ordinal))
            return $"out of memory{where}: the grader allows {memoryMiB} MiB";
        var tail = string.Join(" | ", stderr.Split('\n').Where(l => l.Trim().Length > 0).Take(4).Select(l => l.Trim()));
        return $"the grading process crashed{where} (exit code {exitCode}){(tail.Length > 0 ? ": " + tail : "")}";
    }

    private static CheckResult NotRun(CheckDefinition def, string message) => new()
    {
        Id = def.Id,
        Title = def.Title,
        Kind = def.Kind,
        Status = CheckStatus.NotRun,
        Message = message,
        Section = def.Section,
        Required = def.Required,
    };
}
