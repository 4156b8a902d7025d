using DlPath.Course.Planning;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Review.Integration;

/// <summary>
/// Which roadmap tasks the learner has reached: the cards of other tasks are held back from sessions and
/// mock interviews until the plan gets there.
/// </summary>
public static class ReachedTasks
{
    /// <summary>
    /// Tasks done, skipped or in progress; tasks the current plan starts on or before <paramref name="today"/>;
    /// and, transitively, the prerequisites of all of these (a learner who has reached a task has met what
    /// it builds on, even if those tasks were never marked).
    /// </summary>
    public static IReadOnlySet<string> Compute(Guide guide, IProgressStore store, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(store);
        var states = store.GetTaskStates().ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
        var plan = Planner.Build(guide, PlanSettings.Load(store, today), states, store.ListHours(), today);
        return Compute(guide, states, plan, today);
    }

    /// <summary>The same from task states and a plan already built.</summary>
    public static IReadOnlySet<string> Compute(Guide guide, IReadOnlyDictionary<string, TaskState> states, Plan plan, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(plan);
        var seeds = guide.Tasks
            .Where(t => states.GetValueOrDefault(t.Id) != TaskState.Todo || plan.SpanOf(t.Id) is { } span && span.Start <= today)
            .Select(t => t.Id);

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(seeds);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (reached.Add(id) && guide.Find(id) is { } task)
            {
                foreach (var p in task.Prerequisites)
                {
                    stack.Push(p);
                }
            }
        }

        return reached;
    }
}
