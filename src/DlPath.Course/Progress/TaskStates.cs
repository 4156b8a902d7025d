namespace DlPath.Course.Progress;

/// <summary>The text form of <see cref="TaskState"/> used in the database, in exports and in <c>--json</c>.</summary>
public static class TaskStates
{
    /// <summary><c>todo</c>, <c>in_progress</c>, <c>done</c> or <c>skipped</c>.</summary>
    public static string ToText(this TaskState state) => state switch
    {
        TaskState.Todo => "todo",
        TaskState.InProgress => "in_progress",
        TaskState.Done => "done",
        TaskState.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown task state"),
    };

    /// <summary>Parses the text form; throws <see cref="FormatException"/> naming the accepted values.</summary>
    public static TaskState Parse(string text) => text switch
    {
        "todo" => TaskState.Todo,
        "in_progress" => TaskState.InProgress,
        "done" => TaskState.Done,
        "skipped" => TaskState.Skipped,
        _ => throw new FormatException($"unknown task state '{text}' (expected todo, in_progress, done or skipped)"),
    };

    /// <summary>True for states the planner no longer schedules (done or skipped).</summary>
    public static bool IsClosed(this TaskState state) => state is TaskState.Done or TaskState.Skipped;
}
