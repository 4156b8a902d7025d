namespace DlPath.Course.Progress;

/// <summary>The recorded state of one task.</summary>
/// <param name="TaskId">Roadmap task id.</param>
/// <param name="State">Current state.</param>
/// <param name="UpdatedAt">When the state last changed (UTC).</param>
public sealed record TaskProgress(string TaskId, TaskState State, DateTimeOffset UpdatedAt);
