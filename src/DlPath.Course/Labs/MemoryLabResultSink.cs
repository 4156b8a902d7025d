namespace DlPath.Course.Labs;

/// <summary>A sink that keeps verdicts in memory (no progress store configured; tests).</summary>
public sealed class MemoryLabResultSink : ILabResultSink
{
    private readonly List<(LabDefinition Lab, LabVerdict Verdict, bool CompletesTask)> _records = [];

    /// <summary>Everything recorded, in order.</summary>
    public IReadOnlyList<(LabDefinition Lab, LabVerdict Verdict, bool CompletesTask)> Records => _records;

    /// <summary>Roadmap tasks marked done.</summary>
    public IReadOnlyList<string> CompletedTasks => _records.Where(r => r.CompletesTask).Select(r => r.Lab.Task).ToList();

    /// <inheritdoc />
    public void Record(LabDefinition lab, LabVerdict verdict, string detailsJson, bool completesTask) =>
        _records.Add((lab, verdict, completesTask));

    /// <inheritdoc />
    public IReadOnlySet<string> PassedLabs() =>
        _records.Where(r => r.Verdict.Passed).Select(r => r.Lab.Id).ToHashSet(StringComparer.Ordinal);
}
