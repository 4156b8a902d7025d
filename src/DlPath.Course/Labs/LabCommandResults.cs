namespace DlPath.Course.Labs;

/// <summary>One row of <c>dlpath lab list</c>.</summary>
/// <param name="Id">Lab id.</param>
/// <param name="Title">Title.</param>
/// <param name="Summary">One-line summary.</param>
/// <param name="Task">Roadmap task completed.</param>
/// <param name="Started">Whether the learner's copy exists.</param>
/// <param name="Passed">Whether a passed attempt is recorded.</param>
/// <param name="Checks">Number of graded checks.</param>
public sealed record LabListItem(string Id, string Title, string Summary, string Task, bool Started, bool Passed, int Checks);

/// <summary>The outcome of <c>dlpath lab start</c> or <c>reset</c>.</summary>
/// <param name="LabId">Lab id.</param>
/// <param name="Directory">The learner's folder.</param>
/// <param name="Readme">The lesson to read first.</param>
/// <param name="Backup">Where the previous files went (with --force / reset), else null.</param>
public sealed record LabStartResult(string LabId, string Directory, string Readme, string? Backup);

/// <summary>The outcome of <c>dlpath lab hint</c>.</summary>
/// <param name="LabId">Lab id.</param>
/// <param name="FromLastCheck">True when the hints come from the last recorded verdict's failed checks.</param>
/// <param name="Hints">(check id, hint) pairs.</param>
public sealed record LabHintResult(string LabId, bool FromLastCheck, IReadOnlyList<(string Check, string Hint)> Hints);
