namespace DlPath.Course.Progress;

/// <summary>Hours the learner logged against a task on a day.</summary>
/// <param name="Date">The day the work was done.</param>
/// <param name="TaskId">Roadmap task id.</param>
/// <param name="Hours">Hours, more than 0 and at most 24.</param>
/// <param name="Note">Optional free text.</param>
/// <param name="LoggedAt">When the entry was written (UTC, millisecond precision).</param>
public sealed record HoursEntry(DateOnly Date, string TaskId, double Hours, string? Note, DateTimeOffset LoggedAt)
{
    /// <summary>Most hours one entry, or one day in total, may hold.</summary>
    public const double MaxHoursPerDay = 24;

    /// <summary>Store-assigned id, increasing in insertion order (0 before the entry is stored).</summary>
    public long Id { get; init; }
}
