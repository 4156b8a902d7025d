using System.Text.Json;
using DlPath.Course.Planning;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Tests.Planning;

public class PlannerTests
{
    private static readonly Guide s_guide = Guide.Load();
    private static readonly DateOnly s_start = new(2026, 12, 7);
    private static readonly PlanSettings s_default = new(s_start, 20, []);

    private static Plan Fresh(PlanSettings? settings = null, DateOnly? today = null) =>
        Planner.Build(s_guide, settings ?? s_default, new Dictionary<string, TaskState>(), [], today ?? s_start);

    private static HoursEntry Log(DateOnly day, string task, double hours) =>
        new(day, task, hours, null, new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero));

    [Fact]
    public void The_guide_at_20_hours_a_week_takes_about_six_months()
    {
        var plan = Fresh();
        Assert.InRange(plan.Weeks.Count, 24, 28);
        Assert.Equal(s_start, plan.Start);
        Assert.Equal(plan.Weeks[^1].Start.AddDays(6), plan.End);
        Assert.Equal(s_guide.TotalHours, plan.Weeks.Sum(w => w.Hours), 6);
    }

    [Fact]
    public void Every_task_is_planned_once_and_no_week_exceeds_its_hours()
    {
        var plan = Fresh();
        Assert.Equal(s_guide.Tasks.Select(t => t.Id), plan.Spans.Select(s => s.TaskId));
        Assert.All(plan.Weeks, w => Assert.True(w.Hours <= w.Capacity + 1e-9, $"week {w.Index}: {w.Hours} > {w.Capacity}"));
        foreach (var task in s_guide.Tasks)
        {
            var planned = plan.Weeks.SelectMany(w => w.Slots).Where(s => s.TaskId == task.Id).Sum(s => s.Hours);
            Assert.Equal(task.Hours, planned, 6);
        }
    }

    [Fact]
    public void No_task_starts_before_its_prerequisites_end()
    {
        var plan = Fresh(new PlanSettings(s_start, 7.5, []));
        foreach (var task in s_guide.Tasks)
        {
            var span = plan.SpanOf(task.Id)!;
            foreach (var pre in task.Prerequisites)
            {
                Assert.True(plan.SpanOf(pre)!.LastWeek <= span.FirstWeek, $"{task.Id} starts in week {span.FirstWeek}, before {pre} ends");
            }
        }
    }

    [Fact]
    public void Fewer_hours_make_a_longer_plan_and_days_off_are_not_planned()
    {
        Assert.True(Fresh(new PlanSettings(s_start, 10, [])).Weeks.Count > Fresh().Weeks.Count * 1.8);

        var off = DateRange.Parse("2026-12-21..2027-01-03");
        var plan = Fresh(new PlanSettings(s_start, 20, [off]));
        Assert.Equal(0, plan.Weeks[2].Capacity);
        Assert.Empty(plan.Weeks[2].Slots);
        Assert.Empty(plan.Weeks[3].Slots);
        Assert.Equal(Fresh().Weeks.Count + 2, plan.Weeks.Count);

        var halfWeek = Fresh(new PlanSettings(s_start, 14, [DateRange.Parse("2026-12-07..2026-12-09")]));
        Assert.Equal(8, halfWeek.Weeks[0].Capacity, 9);
    }

    [Fact]
    public void Falling_behind_moves_work_later_and_getting_ahead_moves_it_earlier()
    {
        var baseline = PlanBaseline.Of(Fresh());
        var today = s_start.AddDays(21); // week 4
        var states = new Dictionary<string, TaskState>();

        // Behind: three weeks gone and only 10 hours logged.
        var behind = Planner.Build(s_guide, s_default, states, [Log(s_start, "lang/basics", 6), Log(s_start.AddDays(1), "lang/io", 4)], today);
        var changes = baseline.Compare(behind, states);
        Assert.True(changes.EndShiftDays > 0);
        Assert.Contains("Behind", changes.Headline, StringComparison.Ordinal);
        Assert.Contains(changes.Moved, m => m.TaskId == "ml/week3" && m.Days > 0);

        // Ahead: the whole language module done in the first days and ML weeks 1-2 closed too.
        var doneStates = new Dictionary<string, TaskState>
        {
            ["lang/basics"] = TaskState.Done,
            ["lang/io"] = TaskState.Done,
            ["lang/tables"] = TaskState.Done,
            ["lang/plotting"] = TaskState.Done,
            ["lang/images"] = TaskState.Skipped,
            ["lang/numerics"] = TaskState.Done,
            ["ml/week1"] = TaskState.Done,
            ["ml/week2"] = TaskState.Done,
        };
        var ahead = Planner.Build(s_guide, s_default, doneStates, [Log(s_start, "lang/basics", 8)], s_start.AddDays(2));
        var aheadChanges = baseline.Compare(ahead, doneStates);
        Assert.True(aheadChanges.EndShiftDays < 0);
        Assert.Contains("Ahead", aheadChanges.Headline, StringComparison.Ordinal);
        Assert.Contains("ml/week1", aheadChanges.Closed);
    }

    [Fact]
    public void Past_weeks_show_logged_hours_and_the_current_week_is_reduced_by_them()
    {
        var today = s_start.AddDays(9); // week 2, Wednesday
        var hours = new[] { Log(s_start, "lang/basics", 3), Log(s_start.AddDays(8), "lang/basics", 2) };
        var plan = Planner.Build(s_guide, s_default, new Dictionary<string, TaskState>(), hours, today);

        var week1 = plan.Weeks[0];
        Assert.Equal(3, week1.Hours);
        Assert.Equal(0, week1.Slots.Sum(s => s.PlannedHours));

        var week2 = plan.Weeks[1];
        Assert.Equal(20, week2.Hours, 9); // 2 logged + 18 planned
        var basics = week2.Slots.Single(s => s.TaskId == "lang/basics");
        Assert.Equal(2, basics.ActualHours);
        Assert.Equal(1, basics.PlannedHours, 9); // 6 budget - 5 logged
        Assert.Equal(today, plan.SpanOf("lang/basics")!.Start);
    }

    [Fact]
    public void Replanning_never_loses_a_task()
    {
        var random = new Random(5);
        var ids = s_guide.Tasks.Select(t => t.Id).ToArray();
        for (var trial = 0; trial < 40; trial++)
        {
            var states = new Dictionary<string, TaskState>();
            var hours = new List<HoursEntry>();
            foreach (var id in ids)
            {
                var roll = random.NextDouble();
                if (roll < 0.2)
                {
                    states[id] = TaskState.Done;
                }
                else if (roll < 0.3)
                {
                    states[id] = TaskState.Skipped;
                }
                else if (roll < 0.5)
                {
                    states[id] = TaskState.InProgress;
                    hours.Add(Log(s_start.AddDays(random.Next(0, 60)), id, Math.Round(random.NextDouble() * 30, 1) + 0.1));
                }
            }

            var today = s_start.AddDays(random.Next(-10, 200));
            var settings = new PlanSettings(s_start, 5 + random.Next(0, 40), []);
            var plan = Planner.Build(s_guide, settings, states, hours, today);
            var open = ids.Where(id => !states.GetValueOrDefault(id).IsClosed()).ToList();
            Assert.Equal(open, plan.Spans.Select(s => s.TaskId));
            Assert.All(plan.Spans, s => Assert.True(s.RemainingHours > 0));
            Assert.All(plan.Spans, s => Assert.True(s.End >= today, $"{s.TaskId} due {s.End} before today {today}"));
            var plannedPerTask = plan.Weeks.SelectMany(w => w.Slots).GroupBy(s => s.TaskId).ToDictionary(g => g.Key, g => g.Sum(s => s.PlannedHours));
            Assert.All(plan.Spans, s => Assert.Equal(s.RemainingHours, plannedPerTask[s.TaskId], 6));
        }
    }

    [Fact]
    public void Json_has_exactly_the_issue_shape()
    {
        using var doc = JsonDocument.Parse(Fresh().ToJson());
        var root = doc.RootElement;
        Assert.Equal(["start", "end", "hours_per_week", "weeks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-12-07", root.GetProperty("start").GetString());
        Assert.Equal(20, root.GetProperty("hours_per_week").GetDouble());
        var week = root.GetProperty("weeks")[0];
        Assert.Equal(["index", "start", "tasks"], week.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, week.GetProperty("index").GetInt32());
        var task = week.GetProperty("tasks")[0];
        Assert.Equal(["id", "hours"], task.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lang/basics", task.GetProperty("id").GetString());
        Assert.Equal(6, task.GetProperty("hours").GetDouble());
    }

    [Fact]
    public void Bad_settings_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => Fresh(new PlanSettings(s_start, -3, [])));
        Assert.Contains("hours per week must be more than 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fresh(new PlanSettings(s_start, 500, [])));
        Assert.Contains("not a date", Assert.Throws<FormatException>(() => DateRange.Parse("2026-13-01")).Message, StringComparison.Ordinal);
        Assert.Contains("ends", Assert.Throws<FormatException>(() => DateRange.Parse("2027-01-05..2027-01-01")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ics_export_has_one_event_per_open_task()
    {
        var plan = Fresh();
        var ics = IcsExporter.ToIcs(plan, s_guide);
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(s_guide.Tasks.Count, calendar.Events.Count);
        var first = calendar.Events.Single(e => e.Uid == "lang/basics@dlpath");
        Assert.Equal(new DateOnly(2026, 12, 7), first.DtStart!.Date);
        Assert.False(first.DtStart.HasTime);
        Assert.Equal(new DateOnly(2026, 12, 14), first.DtEnd!.Date);
        Assert.Contains("lang/basics", first.Summary, StringComparison.Ordinal);
    }
}
