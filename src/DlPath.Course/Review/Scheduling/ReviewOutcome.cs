namespace DlPath.Course.Review.Scheduling;

/// <summary>The result of reviewing a card: its new schedule and the log entry to persist.</summary>
public sealed record ReviewOutcome(CardSchedule Card, ReviewLogEntry Log);
