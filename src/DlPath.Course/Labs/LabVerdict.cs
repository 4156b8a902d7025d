namespace DlPath.Course.Labs;

/// <summary>The outcome of <c>dlpath lab check</c>: the build, then every check.</summary>
public sealed record LabVerdict
{
    /// <summary>Lab id.</summary>
    public required string LabId { get; init; }

    /// <summary>Roadmap task the lab completes.</summary>
    public string Task { get; init; } = "";

    /// <summary>True when the build succeeded and every required check passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>Fraction of required checks passed (0..1).</summary>
    public double Score { get; init; }

    /// <summary>Whether the build succeeded (false: <see cref="BuildErrors"/> says why).</summary>
    public bool Built { get; init; } = true;

    /// <summary>Whether the build was skipped because the sources had not changed.</summary>
    public bool BuildSkipped { get; init; }

    /// <summary>Compiler errors, one per line, when the build failed.</summary>
    public IReadOnlyList<string> BuildErrors { get; init; } = [];

    /// <summary>Seconds spent building.</summary>
    public double BuildSeconds { get; init; }

    /// <summary>Seconds spent grading (child process, start to verdict).</summary>
    public double GradeSeconds { get; init; }

    /// <summary>Per-check verdicts, in lab.json order.</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>How the grading process ended when it did not end normally (time limit, crash), else null.</summary>
    public string? ProcessProblem { get; init; }

    /// <summary>When the verdict was given (UTC).</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
