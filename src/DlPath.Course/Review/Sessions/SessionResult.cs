using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Sessions;

/// <summary>One answered question of a <see cref="ReviewSession"/>.</summary>
/// <param name="Question">What was shown.</param>
/// <param name="Correct">Whether a checked answer was right (null for self-graded recall cards).</param>
/// <param name="Outcome">The new schedule and the log entry to persist.</param>
public sealed record SessionResult(PresentedQuestion Question, bool? Correct, ReviewOutcome Outcome);
