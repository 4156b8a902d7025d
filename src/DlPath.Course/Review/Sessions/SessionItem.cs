using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Sessions;

/// <summary>One card chosen for a session.</summary>
/// <param name="Card">The bank card.</param>
/// <param name="Schedule">Its current schedule (a fresh one for new cards).</param>
/// <param name="IsNew">Whether it has never been reviewed.</param>
/// <param name="Retrievability">Predicted recall probability now (0 for new cards).</param>
/// <param name="DueBecauseOfLab">Whether it is in the session only because a lab check failed.</param>
public sealed record SessionItem(QuestionCard Card, CardSchedule Schedule, bool IsNew, double Retrievability, bool DueBecauseOfLab);
