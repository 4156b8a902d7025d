using System.Globalization;
using DlPath.Course.Progress;

namespace DlPath.Course.Planning;

/// <summary>What the learner told the planner: when they start, how many hours a week, which days are off.</summary>
/// <param name="Start">First day of week 1.</param>
/// <param name="HoursPerWeek">Study hours in a full week (20 in the guide).</param>
/// <param name="Off">Days off (holidays, exams): their share of a week's hours is not planned.</param>
public sealed record PlanSettings(DateOnly Start, double HoursPerWeek, IReadOnlyList<DateRange> Off)
{
    /// <summary>The guide's pace: 20 hours a week for six months.</summary>
    public const double DefaultHoursPerWeek = 20;

    /// <summary>Most weekly hours accepted (a full-time job's worth and then some).</summary>
    public const double MaxHoursPerWeek = 80;

    internal const string StartKey = "plan.start";
    internal const string HoursKey = "plan.hours_per_week";
    internal const string OffKey = "plan.off";

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> with a learner-readable message.</summary>
    public PlanSettings Validated()
    {
        if (!(HoursPerWeek > 0) || HoursPerWeek > MaxHoursPerWeek)
        {
            throw new ArgumentException($"--hours {HoursPerWeek.ToString(CultureInfo.InvariantCulture)}: hours per week must be more than 0 and at most {MaxHoursPerWeek} (the guide assumes {DefaultHoursPerWeek})");
        }

        return this;
    }

    /// <summary>Reads the settings saved by <c>dlpath plan</c>, or defaults (start today, 20 h/week).</summary>
    public static PlanSettings Load(IProgressStore store, DateOnly today)
    {
        var start = store.GetSetting(StartKey) is { } s ? DateRange.ParseDate(s) : today;
        var hours = store.GetSetting(HoursKey) is { } h ? double.Parse(h, CultureInfo.InvariantCulture) : DefaultHoursPerWeek;
        var off = store.GetSetting(OffKey) is { Length: > 0 } o ? o.Split(',').Select(DateRange.Parse).ToList() : [];
        return new PlanSettings(start, hours, off);
    }

    /// <summary>True when the learner has saved plan settings.</summary>
    public static bool IsSaved(IProgressStore store) => store.GetSetting(StartKey) is not null;

    /// <summary>Saves the settings in one transaction.</summary>
    public void Save(IProgressStore store) => store.SetSettings(new Dictionary<string, string?>
    {
        [StartKey] = Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [HoursKey] = HoursPerWeek.ToString(CultureInfo.InvariantCulture),
        [OffKey] = string.Join(',', Off.Select(r => r.ToString())),
    });

    /// <summary>The fraction of a week's hours available in [from, to] (days off excluded).</summary>
    internal double AvailableDays(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (!Off.Any(r => r.Contains(d)))
            {
                days++;
            }
        }

        return days;
    }
}
