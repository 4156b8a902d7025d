namespace DlPath.Course.Planning;

/// <summary>One week of the plan.</summary>
/// <param name="Index">1-based week number counted from the plan's start.</param>
/// <param name="Start">First day of the week.</param>
/// <param name="Capacity">Hours available in this week (weekly hours less days off).</param>
/// <param name="Slots">Tasks in this week, in the guide's order.</param>
public sealed record PlanWeek(int Index, DateOnly Start, double Capacity, IReadOnlyList<PlanSlot> Slots)
{
    /// <summary>Last day of the week.</summary>
    public DateOnly End => Start.AddDays(6);

    /// <summary>Logged plus planned hours of the week.</summary>
    public double Hours => Slots.Sum(s => s.Hours);

    /// <summary>True when <paramref name="day"/> falls in this week.</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}
