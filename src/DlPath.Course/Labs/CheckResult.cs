namespace DlPath.Course.Labs;

/// <summary>The verdict of one check.</summary>
public sealed record CheckResult
{
    /// <summary>Check id (lab.json).</summary>
    public required string Id { get; init; }

    /// <summary>Check title.</summary>
    public string Title { get; init; } = "";

    /// <summary>Check kind (lab.json).</summary>
    public string Kind { get; init; } = "";

    /// <summary>How it ended.</summary>
    public required CheckStatus Status { get; init; }

    /// <summary>What happened, in one or two sentences.</summary>
    public string Message { get; init; } = "";

    /// <summary>The worst element for numeric checks.</summary>
    public WorstElement? Worst { get; init; }

    /// <summary>The relative error the verdict is based on.</summary>
    public double? RelativeError { get; init; }

    /// <summary>The tolerance used.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The mistake the grader recognised (<c>scale:N</c>, <c>transposed</c>, ...), if any.</summary>
    public string? Mistake { get; init; }

    /// <summary>The hint for the detected mistake (or the check's general hint) when the check did not pass.</summary>
    public string? Hint { get; init; }

    /// <summary>A timing report (naive vs vectorised, closed-form speed-up).</summary>
    public string? Timing { get; init; }

    /// <summary>README section of the graded function.</summary>
    public string Section { get; init; } = "";

    /// <summary>Whether the lab needs this check to pass.</summary>
    public bool Required { get; init; } = true;

    /// <summary>Seconds the check took.</summary>
    public double Seconds { get; init; }

    /// <summary>True when the check passed.</summary>
    public bool Passed => Status == CheckStatus.Passed;
}
