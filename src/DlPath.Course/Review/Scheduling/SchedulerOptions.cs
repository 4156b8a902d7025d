namespace DlPath.Course.Review.Scheduling;

/// <summary>Settings of the FSRS scheduler around the memory model.</summary>
public sealed record SchedulerOptions
{
    /// <summary>The model weights (defaults: published FSRS-6).</summary>
    public FsrsParameters Parameters { get; init; } = FsrsParameters.Default;

    /// <summary>Target probability of recall when a card falls due (0.9 by default).</summary>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>Steps a new card goes through before graduating (1 and 10 minutes).</summary>
    public IReadOnlyList<TimeSpan> LearningSteps { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    /// <summary>Steps a forgotten card goes through before returning to review (10 minutes).</summary>
    public IReadOnlyList<TimeSpan> RelearningSteps { get; init; } = [TimeSpan.FromMinutes(10)];

    /// <summary>Longest interval in days.</summary>
    public int MaximumInterval { get; init; } = 36500;

    /// <summary>Spread review-state intervals a little so cards learnt together do not stay together.</summary>
    public bool EnableFuzz { get; init; } = true;

    /// <summary>Defaults with fuzz off: what <c>review simulate</c> and the reference test vectors use.</summary>
    public static SchedulerOptions NoFuzz { get; } = new() { EnableFuzz = false };
}
