using System.Diagnostics;
using DlPath.Course.Labs;

namespace DlPath.LabHost;

/// <summary>Runs a lab's checks against a learner's code and turns each outcome or exception into a <see cref="CheckResult"/>.</summary>
public static class CheckRunner
{
    /// <summary>Runs every check of <paramref name="lab"/> in order, reporting each start (before) and result (after).</summary>
    public static IReadOnlyList<CheckResult> Run(LabDefinition lab, LabSubject subject, Action<string>? onStart = null, Action<CheckResult>? onResult = null)
    {
        var checks = CheckRegistry.For(lab.Id);
        var results = new List<CheckResult>();
        foreach (var def in lab.Checks)
        {
            onStart?.Invoke(def.Id);
            var result = RunOne(lab, def, subject, checks);
            results.Add(result);
            onResult?.Invoke(result);
        }

        return results;
    }

    /// <summary>Runs one check.</summary>
    public static CheckResult RunOne(LabDefinition lab, CheckDefinition def, LabSubject subject, LabChecks checks)
    {
        var watch = Stopwatch.StartNew();
        var result = new CheckResult
        {
            Id = def.Id,
            Title = def.Title,
            Kind = def.Kind,
            Status = CheckStatus.Error,
            Section = def.Section,
            Required = def.Required,
            Tolerance = def.Tolerance,
        };
        if (!checks.Checks.TryGetValue(def.Id, out var impl))
            return result with { Message = $"the grader has no implementation of check '{def.Id}'" };
        try
        {
            var o = impl(new CheckContext(lab, def, subject));
            result = result with
            {
                Status = o.Passed ? CheckStatus.Passed : CheckStatus.Failed,
                Message = o.Message,
                Worst = o.Worst,
                RelativeError = o.RelativeError,
                Tolerance = o.Tolerance ?? def.Tolerance,
                Mistake = o.Passed ? null : o.Mistake,
                Hint = o.Passed ? null : lab.HintFor(def.Id, o.Mistake),
                Timing = o.Timing,
            };
        }
        catch (NotImplementedException e)
        {
            result = result with
            {
                Status = CheckStatus.NotImplemented,
                Message = $"not implemented yet: {e.Message}",
                Hint = "Write this function: the README section explains the math and the shapes.",
            };
        }
        catch (LabBindingException e)
        {
            result = result with { Message = e.Message, Mistake = "signature", Hint = lab.HintFor(def.Id, "signature") ?? def.Hint };
        }
        catch (OutOfMemoryException)
        {
            result = result with
            {
                Message = $"out of memory (the grader allows {lab.MemoryLimitMiB} MiB)",
                Mistake = "memory",
                Hint = "Something allocates without end: a list that grows in a loop, or a tensor far larger than the shapes in the README.",
            };
        }
        catch (Exception e)
        {
            result = result with
            {
                Message = $"your code threw {e.GetType().Name}: {e.Message}{WhereThrown(e)}",
                Mistake = e is DlPath.Tensors.ShapeException ? "shape" : "exception",
                Hint = lab.HintFor(def.Id, "exception") ?? def.Hint,
            };
        }

        return result with { Seconds = watch.Elapsed.TotalSeconds };
    }

    private static string WhereThrown(Exception e)
    {
        // The first frame outside DlPath's own assemblies is the learner's line.
        var frame = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly.GetName().Name is { } n && !n.StartsWith("DlPath.", StringComparison.Ordinal) && !n.StartsWith("System", StringComparison.Ordinal));
        if (frame?.GetMethod() is not { } m) return "";
        var file = frame.GetFileName() is { } f ? $" ({Path.GetFileName(f)}:{frame.GetFileLineNumber()})" : "";
        return $" in {m.DeclaringType?.Name}.{m.Name}{file}";
    }
}
