namespace DlPath.Course.Labs;

/// <summary>
/// Where <c>dlpath lab check</c> records a verdict: the progress store (its <c>lab_results</c> table, and the
/// roadmap task marked done when every lab of that task has passed). The lab engine knows nothing of the store.
/// </summary>
public interface ILabResultSink
{
    /// <summary>Records one graded attempt.</summary>
    /// <param name="lab">The lab graded.</param>
    /// <param name="verdict">The verdict.</param>
    /// <param name="detailsJson">The verdict as JSON (<see cref="LabJson.Serialize{T}"/>), stored verbatim.</param>
    /// <param name="completesTask">True when this verdict passed and every lab of the lab's task has now passed.</param>
    void Record(LabDefinition lab, LabVerdict verdict, string detailsJson, bool completesTask);

    /// <summary>Ids of the labs that have a passed attempt recorded.</summary>
    IReadOnlySet<string> PassedLabs();
}
