namespace DlPath.Course.Planning;

/// <summary>A task whose due date changed between two plans.</summary>
/// <param name="TaskId">Roadmap task id.</param>
/// <param name="Before">Due date in the earlier plan.</param>
/// <param name="After">Due date now.</param>
public sealed record TaskMove(string TaskId, DateOnly Before, DateOnly After)
{
    /// <summary>Days moved: positive is later (behind), negative earlier (ahead).</summary>
    public int Days => After.DayNumber - Before.DayNumber;
}
