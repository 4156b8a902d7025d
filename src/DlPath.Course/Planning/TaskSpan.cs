namespace DlPath.Course.Planning;

/// <summary>When the plan has a task's remaining work: from the first to the last week that holds it.</summary>
/// <param name="TaskId">Roadmap task id.</param>
/// <param name="FirstWeek">1-based index of the first week with planned hours.</param>
/// <param name="LastWeek">1-based index of the last week with planned hours.</param>
/// <param name="Start">First planned day.</param>
/// <param name="End">Last day of the last planned week (the task's due date).</param>
/// <param name="RemainingHours">Hours still planned for it.</param>
public sealed record TaskSpan(string TaskId, int FirstWeek, int LastWeek, DateOnly Start, DateOnly End, double RemainingHours);
