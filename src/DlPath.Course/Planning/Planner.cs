using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Planning;

/// <summary>
/// Lays the guide's tasks on a week-by-week calendar that fits the learner's hours. The past is what was
/// logged; the remaining work of every open task (budget less hours logged, never planned before its
/// prerequisites) is packed into the weeks from today on, in the guide's order, each week holding its
/// share of the weekly hours less days off. Re-running it after logging hours is the re-plan: a learner
/// who falls behind sees the work move later, one who gets ahead sees it move earlier.
/// </summary>
public static class Planner
{
    /// <summary>The longest plan accepted (ten years), so that a tiny weekly budget cannot loop for ever.</summary>
    public const int MaxWeeks = 520;

    /// <summary>What is still planned for an open task whose logged hours already exceed its budget.</summary>
    public const double OverrunHours = 1;

    /// <summary>Builds the plan from the store's current progress.</summary>
    public static Plan Build(Guide roadmap, PlanSettings settings, IProgressStore store, DateOnly today) =>
        Build(roadmap, settings, store.GetTaskStates().ToDictionary(p => p.Key, p => p.Value.State), store.ListHours(), today);

    /// <summary>Builds the plan from task states and logged hours.</summary>
    /// <param name="roadmap">The guide.</param>
    /// <param name="settings">Start, weekly hours, days off.</param>
    /// <param name="states">Recorded task states (missing means todo); ids not in the roadmap are ignored.</param>
    /// <param name="hours">Every logged hours entry.</param>
    /// <param name="today">The day to plan from.</param>
    public static Plan Build(
        Guide roadmap,
        PlanSettings settings,
        IReadOnlyDictionary<string, TaskState> states,
        IReadOnlyList<HoursEntry> hours,
        DateOnly today)
    {
        settings = settings.Validated();
        var start = settings.Start;

        // Hours logged per task, and per week index (0-based) and task, for the past part of the plan.
        var loggedByTask = new Dictionary<string, double>(StringComparer.Ordinal);
        var actual = new SortedDictionary<int, Dictionary<string, double>>();
        foreach (var e in hours)
        {
            loggedByTask[e.TaskId] = loggedByTask.GetValueOrDefault(e.TaskId) + e.Hours;
            if (e.Date < start)
            {
                continue; // logged before the plan's start: counts towards the task, belongs to no week
            }

            var w = WeekIndex(start, e.Date);
            if (!actual.TryGetValue(w, out var perTask))
            {
                actual[w] = perTask = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            perTask[e.TaskId] = perTask.GetValueOrDefault(e.TaskId) + e.Hours;
        }

        // Remaining work of every open task, in the guide's order (which respects prerequisites).
        var remaining = new List<(RoadmapTask Task, double Hours)>();
        foreach (var task in roadmap.Tasks)
        {
            var state = states.GetValueOrDefault(task.Id, TaskState.Todo);
            if (state.IsClosed())
            {
                continue;
            }

            var left = task.Hours - loggedByTask.GetValueOrDefault(task.Id);
            remaining.Add((task, left > 1e-9 ? left : Math.Min(OverrunHours, task.Hours)));
        }

        // Planning starts in the week holding today (or week 0 when the plan starts in the future).
        var firstOpenWeek = today < start ? 0 : WeekIndex(start, today);
        var planned = new Dictionary<int, List<(string Id, double Hours)>>();
        var spans = new List<TaskSpan>();
        var week = firstOpenWeek;
        var free = FreeHours(week);
        foreach (var (task, need) in remaining)
        {
            var left = need;
            var first = -1;
            while (left > 1e-9)
            {
                while (free <= 1e-9)
                {
                    week++;
                    if (week >= MaxWeeks)
                    {
                        throw new ArgumentException(
                            $"at {settings.HoursPerWeek} hours a week the path would take more than {MaxWeeks} weeks; plan more hours per week or fewer days off");
                    }

                    free = FreeHours(week);
                }

                var take = Math.Min(left, free);
                if (!planned.TryGetValue(week, out var list))
                {
                    planned[week] = list = [];
                }

                list.Add((task.Id, take));
                first = first < 0 ? week : first;
                left -= take;
                free -= take;
            }

            var spanStart = WeekStart(first);
            if (first == firstOpenWeek && today > spanStart)
            {
                spanStart = today;
            }

            spans.Add(new TaskSpan(task.Id, first + 1, week + 1, spanStart, WeekStart(week).AddDays(6), need));
        }

        var lastWeek = Math.Max(planned.Count > 0 ? planned.Keys.Max() : -1, actual.Count > 0 ? actual.Keys.Max() : -1);
        lastWeek = Math.Max(lastWeek, 0);
        var order = roadmap.Tasks.ToDictionary(t => t.Id, t => t.Order, StringComparer.Ordinal);
        var weeks = new List<PlanWeek>(lastWeek + 1);
        for (var w = 0; w <= lastWeek; w++)
        {
            var slots = new Dictionary<string, (double Actual, double Planned)>(StringComparer.Ordinal);
            if (actual.TryGetValue(w, out var done))
            {
                foreach (var (id, h) in done)
                {
                    slots[id] = (h, 0);
                }
            }

            if (planned.TryGetValue(w, out var todo))
            {
                foreach (var (id, h) in todo)
                {
                    var s = slots.GetValueOrDefault(id);
                    slots[id] = (s.Actual, s.Planned + h);
                }
            }

            var ordered = slots
                .OrderBy(p => order.GetValueOrDefault(p.Key, int.MaxValue))
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new PlanSlot(p.Key, p.Value.Actual, p.Value.Planned))
                .ToList();
            weeks.Add(new PlanWeek(w + 1, WeekStart(w), Capacity(w), ordered));
        }

        return new Plan { Settings = settings, MadeOn = today, Weeks = weeks, Spans = spans };

        DateOnly WeekStart(int w) => start.AddDays(7 * w);

        double Capacity(int w) => settings.HoursPerWeek * settings.AvailableDays(WeekStart(w), WeekStart(w).AddDays(6)) / 7.0;

        // Hours still free in week w: its capacity, less what was already logged in it when it is the current week.
        double FreeHours(int w)
        {
            var cap = Capacity(w);
            if (w == firstOpenWeek && today >= start && actual.TryGetValue(w, out var logged))
            {
                cap -= logged.Values.Sum();
            }

            return Math.Max(0, cap);
        }
    }

    /// <summary>0-based index of the week holding <paramref name="day"/> in a plan starting on <paramref name="start"/>.</summary>
    public static int WeekIndex(DateOnly start, DateOnly day) => (day.DayNumber - start.DayNumber) / 7;
}
