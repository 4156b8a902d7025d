using DlPath.Course.Dashboard;
using DlPath.Course.Planning;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;
using DlPath.Course.Tests.Progress;

namespace DlPath.Course.Tests.Dashboard;

public sealed class DashboardSummaryTests : IDisposable
{
    private static readonly Guide s_guide = Guide.Load();
    private static readonly DateOnly s_start = new(2026, 12, 7);
    private readonly StoreLocation _location = new(StoreLocation.Sqlite);

    public void Dispose() => _location.Dispose();

    private static HoursEntry Log(DateOnly day, string task, double hours) =>
        new(day, task, hours, null, new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero));

    [Fact]
    public void A_fresh_home_starts_today_at_the_first_task()
    {
        using var store = _location.Open();
        var today = new DateOnly(2026, 11, 26);
        var d = DashboardSummary.Build(s_guide, store, today, DateTimeOffset.UnixEpoch);
        Assert.True(d.PlanIsDefault);
        Assert.Equal(1, d.Week);
        Assert.Equal(today, d.Plan.Start);
        Assert.Equal("lang/basics", d.NextTask!.Id);
        Assert.Equal(1, d.Phase.Number);
        Assert.Equal(0, d.PercentComplete);
        Assert.Equal(20, d.PlannedThisWeek);
        Assert.Equal(0, d.StreakDays);
        Assert.Equal(0, d.DueReviews);
    }

    [Fact]
    public void Progress_week_streak_hours_and_next_task_follow_the_log()
    {
        using var store = _location.Open();
        new PlanSettings(s_start, 20, []).Save(store);
        var today = s_start.AddDays(9); // Wednesday of week 2
        store.SetTaskState("lang/basics", TaskState.Done, DateTimeOffset.UnixEpoch);
        store.SetTaskState("lang/images", TaskState.Skipped, DateTimeOffset.UnixEpoch);
        store.AddHours(Log(s_start, "lang/basics", 6));
        store.AddHours(Log(today.AddDays(-2), "lang/io", 1));
        store.AddHours(Log(today.AddDays(-1), "lang/io", 2));
        store.AddHours(Log(today, "lang/io", 0.5));

        var d = DashboardSummary.Build(s_guide, store, today, DateTimeOffset.UnixEpoch);
        Assert.False(d.PlanIsDefault);
        Assert.Equal(2, d.Week);
        Assert.Equal(3.5, d.HoursThisWeek);
        Assert.Equal(3, d.StreakDays);
        Assert.Equal("lang/io", d.NextTask!.Id);
        Assert.Equal(0.5, d.NextTaskHoursLeft, 9);
        Assert.Equal(100.0 * 6 / (s_guide.TotalHours - 2), d.PercentComplete, 9);
        Assert.Equal(1, d.TasksDone);
        Assert.Equal(1, d.TasksSkipped);

        // Nothing logged yet today keeps yesterday's streak alive; a gap ends it.
        Assert.Equal(3, DashboardSummary.Streak(store.ListHours(), today.AddDays(1)));
        Assert.Equal(0, DashboardSummary.Streak(store.ListHours(), today.AddDays(2)));
    }

    [Fact]
    public void Due_reviews_come_from_each_cards_latest_state()
    {
        var now = new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero);
        StoredReview R(string card, int minutes, string state, long id) =>
            new(card, 3, now.AddDays(-5).AddMinutes(minutes), 0, state) { Id = id };
        var reviews = new[]
        {
            R("a", 0, """{"due":"2026-12-09T00:00:00Z"}""", 1),
            R("b", 0, """{"due":"2026-12-09T00:00:00Z"}""", 2),
            R("b", 5, """{"due":"2026-12-20T00:00:00Z"}""", 3), // reviewed again: not due any more
            R("c", 0, "not json", 4),
            R("d", 0, """{"stability":2}""", 5),
            R("e", 0, """{"due":"2026-12-10T12:00:00+00:00"}""", 6),
        };
        Assert.Equal(2, DashboardSummary.DueReviewCount(reviews, now));
    }
}
