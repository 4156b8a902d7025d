using System.Globalization;
using System.Text;

namespace DlPath.Course.Labs;

/// <summary>Plain-text rendering of the lab commands' results (the CLI prints these; <c>--json</c> prints the records).</summary>
public static class LabRenderer
{
    /// <summary>The per-check report of <c>dlpath lab check</c>.</summary>
    public static string Render(LabVerdict verdict)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (!verdict.Built)
        {
            sb.AppendLine(inv, $"lab {verdict.LabId}: the project does not build ({verdict.BuildSeconds:0.0} s)");
            foreach (var e in verdict.BuildErrors.Take(20)) sb.AppendLine("  " + e);
            return sb.ToString();
        }

        sb.AppendLine(inv, $"lab {verdict.LabId}: build {(verdict.BuildSkipped ? "up to date" : $"{verdict.BuildSeconds:0.0} s")}, grading {verdict.GradeSeconds:0.0} s");
        foreach (var c in verdict.Checks)
        {
            var mark = c.Status switch
            {
                CheckStatus.Passed => "PASS",
                CheckStatus.NotImplemented => "TODO",
                CheckStatus.NotRun => "SKIP",
                CheckStatus.TimedOut => "TIME",
                CheckStatus.Crashed => "CRASH",
                CheckStatus.Error => "ERROR",
                _ => "FAIL",
            };
            sb.AppendLine(inv, $"  [{mark}] {c.Id} ({c.Kind}{(c.Required ? "" : ", optional")}): {c.Title}");
            if (c.Message.Length > 0) sb.AppendLine("         " + c.Message);
            if (c.Worst is { } w && !c.Passed)
            {
                sb.AppendLine(inv, $"         worst element {w.Name}{w.Index}: yours {w.Actual:G8}, expected {w.Expected:G8}, relative error {w.RelativeError:E2}{(c.Tolerance is { } t ? $" (tolerance {t:E0})" : "")}");
            }
            else if (c.RelativeError is { } rel && c.Kind != CheckKinds.Behaviour)
            {
                sb.AppendLine(inv, $"         relative error {rel:E2}{(c.Tolerance is { } t ? $" (tolerance {t:E0})" : "")}");
            }

            if (c.Timing is not null) sb.AppendLine("         " + c.Timing);
            if (!c.Passed && c.Status != CheckStatus.NotRun && c.Hint is { Length: > 0 } hint)
                sb.AppendLine("         hint: " + hint + (c.Section.Length > 0 ? $" (README {c.Section})" : ""));
        }

        if (verdict.ProcessProblem is not null) sb.AppendLine("  grading stopped: " + verdict.ProcessProblem);
        int passed = verdict.Checks.Count(c => c.Passed);
        sb.AppendLine(inv, $"{(verdict.Passed ? "PASSED" : "NOT PASSED")}: {passed}/{verdict.Checks.Count} checks{(verdict.Passed && verdict.Task.Length > 0 ? $" (completes {verdict.Task} when its other labs pass)" : "")}");
        return sb.ToString();
    }

    /// <summary><c>dlpath lab list</c>.</summary>
    public static string Render(IReadOnlyList<LabListItem> items)
    {
        var sb = new StringBuilder();
        int width = items.Count == 0 ? 0 : items.Max(i => i.Id.Length);
        foreach (var i in items)
        {
            var state = i.Passed ? "passed " : i.Started ? "started" : "       ";
            sb.AppendLine(CultureInfo.InvariantCulture, $"{state}  {i.Id.PadRight(width)}  {i.Title} [{i.Task}, {i.Checks} checks]");
        }

        return sb.ToString();
    }

    /// <summary><c>dlpath lab start</c> / <c>reset</c>.</summary>
    public static string Render(LabStartResult r) =>
        (r.Backup is null ? "" : $"your previous files are in {r.Backup}{Environment.NewLine}")
        + $"lab {r.LabId} is in {r.Directory}{Environment.NewLine}read the lesson: {r.Readme}{Environment.NewLine}then: dlpath lab check {r.LabId}{Environment.NewLine}";

    /// <summary><c>dlpath lab hint</c>.</summary>
    public static string Render(LabHintResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(r.FromLastCheck ? $"hints for the checks of {r.LabId} that failed last time:" : $"hints for {r.LabId}:");
        foreach (var (check, hint) in r.Hints) sb.AppendLine($"  {check}: {hint}");
        return sb.ToString();
    }
}
