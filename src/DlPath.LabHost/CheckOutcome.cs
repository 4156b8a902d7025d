using DlPath.Course.Labs;

namespace DlPath.LabHost;

/// <summary>What a check implementation returns; the runner adds id, title, kind and hint from lab.json.</summary>
public sealed record CheckOutcome
{
    /// <summary>Passed or failed (errors are exceptions, handled by the runner).</summary>
    public required bool Passed { get; init; }

    /// <summary>One or two sentences.</summary>
    public string Message { get; init; } = "";

    /// <summary>The worst element of a numeric comparison.</summary>
    public WorstElement? Worst { get; init; }

    /// <summary>Relative error the verdict is based on.</summary>
    public double? RelativeError { get; init; }

    /// <summary>Tolerance used.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The mistake recognised, if any.</summary>
    public string? Mistake { get; init; }

    /// <summary>Timing report.</summary>
    public string? Timing { get; init; }

    /// <summary>A passing outcome.</summary>
    public static CheckOutcome Pass(string message = "") => new() { Passed = true, Message = message };

    /// <summary>A failing outcome naming a mistake.</summary>
    public static CheckOutcome Fail(string message, string? mistake = null) => new() { Passed = false, Message = message, Mistake = mistake };

    /// <summary>The first failing outcome of <paramref name="outcomes"/>, else a pass with their messages.</summary>
    public static CheckOutcome All(params CheckOutcome[] outcomes)
    {
        var failed = outcomes.FirstOrDefault(o => !o.Passed);
        if (failed is not null) return failed;
        var worst = outcomes.Where(o => o.RelativeError is not null).MaxBy(o => o.RelativeError);
        return new CheckOutcome
        {
            Passed = true,
            Message = string.Join("; ", outcomes.Select(o => o.Message).Where(m => m.Length > 0)),
            RelativeError = worst?.RelativeError,
            Tolerance = worst?.Tolerance,
            Worst = worst?.Worst,
            Timing = string.Join("; ", outcomes.Select(o => o.Timing).OfType<string>()) is { Length: > 0 } t ? t : null,
        };
    }
}
