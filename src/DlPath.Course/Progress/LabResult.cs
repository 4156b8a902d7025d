namespace DlPath.Course.Progress;

/// <summary>One graded attempt at a lab (written by <c>dlpath lab check</c>).</summary>
/// <param name="LabId">Lab id (<c>batchnorm</c>).</param>
/// <param name="Passed">Whether every required check passed.</param>
/// <param name="Score">Score in the lab's own scale (the grader's fraction of checks passed, 0..1).</param>
/// <param name="DetailsJson">The grader's report as JSON, stored verbatim.</param>
/// <param name="At">When the attempt was graded (UTC).</param>
public sealed record LabResult(string LabId, bool Passed, double Score, string DetailsJson, DateTimeOffset At)
{
    /// <summary>Store-assigned id (0 before the result is stored).</summary>
    public long Id { get; init; }
}
