namespace DlPath.Course.Planning;

/// <summary>What moved since the previous plan.</summary>
/// <param name="PreviousMadeOn">When the previous plan was made.</param>
/// <param name="PreviousEnd">Its end.</param>
/// <param name="End">The new end.</param>
/// <param name="Moved">Tasks whose due date changed, in the guide's order.</param>
/// <param name="Closed">Tasks done or skipped since then.</param>
public sealed record PlanChanges(DateOnly PreviousMadeOn, DateOnly PreviousEnd, DateOnly End, IReadOnlyList<TaskMove> Moved, IReadOnlyList<string> Closed)
{
    /// <summary>Days the end moved: positive means behind the previous plan, negative ahead of it.</summary>
    public int EndShiftDays => End.DayNumber - PreviousEnd.DayNumber;

    /// <summary>True when nothing moved.</summary>
    public bool IsEmpty => Moved.Count == 0 && Closed.Count == 0 && EndShiftDays == 0;

    /// <summary>One sentence: ahead, behind or on track, and by how much.</summary>
    public string Headline => EndShiftDays switch
    {
        0 => $"On track: the plan still ends {End:yyyy-MM-dd}.",
        > 0 => $"Behind the plan of {PreviousMadeOn:yyyy-MM-dd} by {Weeks(EndShiftDays)}: it now ends {End:yyyy-MM-dd} instead of {PreviousEnd:yyyy-MM-dd}.",
        _ => $"Ahead of the plan of {PreviousMadeOn:yyyy-MM-dd} by {Weeks(-EndShiftDays)}: it now ends {End:yyyy-MM-dd} instead of {PreviousEnd:yyyy-MM-dd}.",
    };

    private static string Weeks(int days) => days % 7 == 0 ? (days / 7 == 1 ? "1 week" : $"{days / 7} weeks") : $"{days} days";
}
