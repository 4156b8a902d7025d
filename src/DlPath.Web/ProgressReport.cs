using System.Text.Json;
using DlPath.Course.Dashboard;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Web;

/// <summary>
/// Everything the dashboard shows, computed from the learner's store: the same summary as <c>dlpath</c>, the plan
/// as Gantt rows, progress per phase, hours logged against planned per week, lab results and review statistics.
/// <c>GET /api/progress</c> returns it as JSON; the dashboard page draws it.
/// </summary>
public sealed record ProgressReport
{
    /// <summary>The terminal dashboard's numbers.</summary>
    public required SummaryPart Summary { get; init; }

    /// <summary>Progress per phase of the guide.</summary>
    public required IReadOnlyList<PhasePart> Phases { get; init; }

    /// <summary>One row per task: where the plan puts it.</summary>
    public required IReadOnlyList<GanttRow> Gantt { get; init; }

    /// <summary>One row per plan week: hours planned and logged.</summary>
    public required IReadOnlyList<WeekPart> Weeks { get; init; }

    /// <summary>One row per lab attempted.</summary>
    public required IReadOnlyList<LabPart> Labs { get; init; }

    /// <summary>Spaced-repetition review statistics.</summary>
    public required ReviewPart Reviews { get; init; }

    /// <summary>Builds the report.</summary>
    public static ProgressReport Build(Guide guide, IProgressStore store, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(store);
        var d = DashboardSummary.Build(guide, store, today, now);
        var states = store.GetTaskStates().ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
        var hours = store.ListHours();
        var logged = hours.GroupBy(h => h.TaskId).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours), StringComparer.Ordinal);

        var phases = guide.Phases.Select(p =>
        {
            var tasks = guide.Tasks.Where(t => t.Phase == p).ToList();
            double total = tasks.Sum(t => t.Hours), done = tasks.Where(t => states.GetValueOrDefault(t.Id).IsClosed()).Sum(t => t.Hours);
            return new PhasePart(p.Id, p.Number, p.Title, tasks.Count, tasks.Count(t => states.GetValueOrDefault(t.Id).IsClosed()),
                Math.Round(total, 2), Math.Round(tasks.Sum(t => logged.GetValueOrDefault(t.Id)), 2), total > 0 ? Math.Round(100 * done / total, 1) : 100);
        }).ToList();

        var gantt = guide.Tasks.Select(t =>
        {
            var span = d.Plan.SpanOf(t.Id);
            return new GanttRow(t.Id, t.Title, t.Phase.Number, Name(states.GetValueOrDefault(t.Id)), span?.FirstWeek, span?.LastWeek,
                span?.Start, span?.End, Math.Round(t.Hours, 2), Math.Round(logged.GetValueOrDefault(t.Id), 2));
        }).ToList();

        var weeks = d.Plan.Weeks.Select(w => new WeekPart(w.Index + 1, w.Start, Math.Round(w.Capacity, 2), Math.Round(w.Slots.Sum(s => s.PlannedHours), 2),
            Math.Round(hours.Where(h => w.Contains(h.Date)).Sum(h => h.Hours), 2))).ToList();

        var labs = store.ListLabResults().GroupBy(r => r.LabId).Select(g => new LabPart(g.Key, g.Count(), Math.Round(g.Max(r => r.Score), 3),
            g.Any(r => r.Passed), g.MaxBy(r => r.At)!.Passed, g.Max(r => r.At))).OrderBy(l => l.LabId, StringComparer.Ordinal).ToList();

        var reviews = store.ListReviews();
        var ratings = Enumerable.Range(1, 4).Select(r => reviews.Count(x => x.Rating == r)).ToArray();
        var perDay = Enumerable.Range(0, 14).Select(i => today.AddDays(i - 13))
            .Select(day => new DayCount(day, reviews.Count(r => DateOnly.FromDateTime(r.ReviewedAt.UtcDateTime) == day))).ToList();

        return new ProgressReport
        {
            Summary = new SummaryPart(d.Phase.Title, d.Week, d.Weeks, Math.Round(d.PercentComplete, 1), d.TasksDone, d.TasksSkipped, d.TasksTotal,
                Math.Round(d.HoursThisWeek, 2), Math.Round(d.PlannedThisWeek, 2), d.StreakDays, d.NextTask?.Id, d.NextTask?.Title,
                d.DueReviews, d.Plan.Start, d.Plan.End, d.Plan.Settings.HoursPerWeek, Math.Round(hours.Sum(h => h.Hours), 2), today),
            Phases = phases,
            Gantt = gantt,
            Weeks = weeks,
            Labs = labs,
            Reviews = new ReviewPart(reviews.Count, reviews.Select(r => r.CardId).Distinct().Count(), d.DueReviews, ratings, perDay),
        };
    }

    private static string Name(TaskState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    /// <summary>The terminal dashboard's numbers.</summary>
    public sealed record SummaryPart(string Phase, int Week, int Weeks, double PercentComplete, int TasksDone, int TasksSkipped, int TasksTotal,
        double HoursThisWeek, double PlannedThisWeek, int StreakDays, string? NextTaskId, string? NextTaskTitle, int DueReviews,
        DateOnly PlanStart, DateOnly PlanEnd, double HoursPerWeek, double HoursLogged, DateOnly Today);

    /// <summary>A phase: tasks closed of total, hours budgeted and logged, percent of budget closed.</summary>
    public sealed record PhasePart(string Id, int Number, string Title, int Tasks, int TasksClosed, double Hours, double HoursLogged, double Percent);

    /// <summary>A task on the plan (weeks are 0-based plan week indices; null when nothing is left to plan).</summary>
    public sealed record GanttRow(string Id, string Title, int Phase, string State, int? FirstWeek, int? LastWeek, DateOnly? Start, DateOnly? End, double Hours, double HoursLogged);

    /// <summary>A plan week (1-based): capacity, hours still planned in it, hours logged in it.</summary>
    public sealed record WeekPart(int Week, DateOnly Start, double Capacity, double Planned, double Logged);

    /// <summary>A lab's attempts.</summary>
    public sealed record LabPart(string LabId, int Attempts, double BestScore, bool EverPassed, bool LastPassed, DateTimeOffset LastAt);

    /// <summary>Reviews: total, distinct cards, due now, counts of ratings 1..4 (again, hard, good, easy), reviews per day for two weeks.</summary>
    public sealed record ReviewPart(int Total, int Cards, int Due, int[] Ratings, IReadOnlyList<DayCount> PerDay);

    /// <summary>A count on a day.</summary>
    public sealed record DayCount(DateOnly Day, int Count);
}
