using System.Text.Json;
using DlPath.Course.Progress;

namespace DlPath.Course.Labs;

/// <summary>
/// Records verdicts in the progress store: one <c>lab_results</c> row per attempt, and the lab's roadmap task
/// marked done once every lab of that task has passed.
/// </summary>
public sealed class ProgressStoreLabSink : ILabResultSink
{
    private readonly IProgressStore _store;

    /// <summary>Creates a sink writing to <paramref name="store"/>.</summary>
    public ProgressStoreLabSink(IProgressStore store) => _store = store;

    /// <inheritdoc />
    public void Record(LabDefinition lab, LabVerdict verdict, string detailsJson, bool completesTask)
    {
        _store.AddLabResult(new LabResult(lab.Id, verdict.Passed, verdict.Score, detailsJson, verdict.At));
        if (completesTask) _store.SetTaskState(lab.Task, TaskState.Done, verdict.At);
    }

    /// <inheritdoc />
    public IReadOnlySet<string> PassedLabs() =>
        _store.ListLabResults().Where(r => r.Passed).Select(r => r.LabId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The last recorded verdict of <paramref name="labId"/>, or null (for <c>dlpath lab hint</c>).</summary>
    public LabVerdict? LastVerdict(string labId)
    {
        var last = _store.ListLabResults(labId).LastOrDefault();
        if (last is null) return null;
        try
        {
            return JsonSerializer.Deserialize<LabVerdict>(last.DetailsJson, LabJson.Options);
        }
        catch (JsonException)
        {
            return null; // written by another version: hints fall back to the lab's own
        }
    }
}
