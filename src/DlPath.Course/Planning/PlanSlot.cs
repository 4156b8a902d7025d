namespace DlPath.Course.Planning;

/// <summary>Hours for one task in one week: what was logged there and what is still planned there.</summary>
/// <param name="TaskId">Roadmap task id.</param>
/// <param name="ActualHours">Hours already logged in this week.</param>
/// <param name="PlannedHours">Hours the plan puts in this week from today on.</param>
public sealed record PlanSlot(string TaskId, double ActualHours, double PlannedHours)
{
    /// <summary>Logged plus planned.</summary>
    public double Hours => ActualHours + PlannedHours;
}
