namespace DlPath.Course.Progress;

/// <summary>Where a learner stands on a task (roadmap.sh style).</summary>
public enum TaskState
{
    /// <summary>Not started (the state of every task the store has no row for).</summary>
    Todo,

    /// <summary>Started: hours were logged or the learner said so.</summary>
    InProgress,

    /// <summary>Finished.</summary>
    Done,

    /// <summary>Deliberately left out (already known, or not wanted); the planner treats it as satisfied.</summary>
    Skipped,
}
