using DlPath.Course.Planning;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Dashboard;

/// <summary>
/// What the learner sees first every day: where they are on the path (phase, week, percent complete),
/// hours this week against the plan, their streak, the next task and the reviews that are due.
/// </summary>
public sealed record DashboardSummary
{
    /// <summary>The phase of the next task (or the last phase when everything is closed).</summary>
    public required RoadmapPhase Phase { get; init; }

    /// <summary>1-based plan week holding today (0 before the plan starts).</summary>
    public required int Week { get; init; }

    /// <summary>Weeks in the current plan.</summary>
    public required int Weeks { get; init; }

    /// <summary>Percent of the path's hours in done tasks (skipped tasks leave the total).</summary>
    public required double PercentComplete { get; init; }

    /// <summary>Tasks done.</summary>
    public required int TasksDone { get; init; }

    /// <summary>Tasks skipped.</summary>
    public required int TasksSkipped { get; init; }

    /// <summary>Tasks in the roadmap.</summary>
    public required int TasksTotal { get; init; }

    /// <summary>Hours logged in this plan week.</summary>
    public required double HoursThisWeek { get; init; }

    /// <summary>Hours the plan asks for this week (weekly hours less days off).</summary>
    public required double PlannedThisWeek { get; init; }

    /// <summary>Consecutive days with logged hours, ending today (or yesterday when nothing is logged yet today).</summary>
    public required int StreakDays { get; init; }

    /// <summary>The task to work on now, or null when the path is finished.</summary>
    public required RoadmapTask? NextTask { get; init; }

    /// <summary>Hours left on the next task by the plan.</summary>
    public required double NextTaskHoursLeft { get; init; }

    /// <summary>Review cards due now (latest review's <c>due</c> has passed).</summary>
    public required int DueReviews { get; init; }

    /// <summary>The plan this summary was computed with.</summary>
    public required Plan Plan { get; init; }

    /// <summary>True when the learner has not yet saved plan settings (the defaults are shown).</summary>
    public required bool PlanIsDefault { get; init; }

    /// <summary>How the plan moved since the last <c>dlpath plan</c> (null before the first one).</summary>
    public required PlanChanges? Changes { get; init; }

    /// <summary>Computes the dashboard from the store.</summary>
    public static DashboardSummary Build(Guide roadmap, IProgressStore store, DateOnly today, DateTimeOffset now)
    {
        var settings = PlanSettings.Load(store, today);
        var states = store.GetTaskStates().ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
        var hours = store.ListHours();
        var plan = Planner.Build(roadmap, settings, states, hours, today);

        var done = roadmap.Tasks.Where(t => states.GetValueOrDefault(t.Id) == TaskState.Done).ToList();
        var skipped = roadmap.Tasks.Where(t => states.GetValueOrDefault(t.Id) == TaskState.Skipped).ToList();
        var denominator = roadmap.TotalHours - skipped.Sum(t => t.Hours);
        var percent = denominator > 0 ? 100.0 * done.Sum(t => t.Hours) / denominator : 100.0;

        var next = FindNextTask(roadmap, states);
        var week = today < plan.Start ? 0 : Planner.WeekIndex(plan.Start, today) + 1;
        var weekStart = today < plan.Start ? plan.Start : plan.Start.AddDays(7 * (week - 1));
        var weekEnd = weekStart.AddDays(6);
        var thisWeek = hours.Where(h => h.Date >= weekStart && h.Date <= weekEnd).Sum(h => h.Hours);
        var capacity = settings.HoursPerWeek * settings.AvailableDays(weekStart, weekEnd) / 7.0;

        return new DashboardSummary
        {
            Phase = next?.Phase ?? roadmap.Phases[^1],
            Week = week,
            Weeks = plan.Weeks.Count,
            PercentComplete = percent,
            TasksDone = done.Count,
            TasksSkipped = skipped.Count,
            TasksTotal = roadmap.Tasks.Count,
            HoursThisWeek = thisWeek,
            PlannedThisWeek = capacity,
            StreakDays = Streak(hours, today),
            NextTask = next,
            NextTaskHoursLeft = next is null ? 0 : plan.SpanOf(next.Id)?.RemainingHours ?? 0,
            DueReviews = DueReviewCount(store.ListReviews(), now),
            Plan = plan,
            PlanIsDefault = !PlanSettings.IsSaved(store),
            Changes = PlanBaseline.Load(store)?.Compare(plan, states),
        };
    }

    /// <summary>
    /// The first task in progress, else the first open task whose prerequisites are all done or skipped,
    /// else the first open task; null when every task is closed.
    /// </summary>
    public static RoadmapTask? FindNextTask(Guide roadmap, IReadOnlyDictionary<string, TaskState> states)
    {
        var open = roadmap.Tasks.Where(t => !states.GetValueOrDefault(t.Id).IsClosed()).ToList();
        return open.FirstOrDefault(t => states.GetValueOrDefault(t.Id) == TaskState.InProgress)
               ?? open.FirstOrDefault(t => t.Prerequisites.All(p => states.GetValueOrDefault(p).IsClosed()))
               ?? open.FirstOrDefault();
    }

    /// <summary>Consecutive days with hours logged, ending today, or yesterday when today has none yet.</summary>
    public static int Streak(IReadOnlyList<HoursEntry> hours, DateOnly today)
    {
        var days = hours.Select(h => h.Date).ToHashSet();
        var day = days.Contains(today) ? today : today.AddDays(-1);
        var streak = 0;
        while (days.Contains(day))
        {
            streak++;
            day = day.AddDays(-1);
        }

        return streak;
    }

    /// <summary>
    /// Cards whose latest review's state holds a <c>"due"</c> time at or before <paramref name="now"/>.
    /// States without a readable <c>due</c> are not counted (the review scheduler owns their meaning).
    /// </summary>
    public static int DueReviewCount(IReadOnlyList<StoredReview> reviews, DateTimeOffset now)
    {
        var due = 0;
        foreach (var latest in reviews.GroupBy(r => r.CardId).Select(g => g.MaxBy(r => (r.ReviewedAt, r.Id))!))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(latest.StateJson);
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("due", out var d)
                    && d.ValueKind == System.Text.Json.JsonValueKind.String
                    && DateTimeOffset.TryParse(d.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when)
                    && when <= now)
                {
                    due++;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // A state that is not JSON says nothing about when the card is due.
            }
        }

        return due;
    }
}
