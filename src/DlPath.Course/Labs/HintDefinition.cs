namespace DlPath.Course.Labs;

/// <summary>A hint tied to a mistake the grader can detect (<c>scale:N</c>, <c>transposed</c>, <c>eval-batch-stats</c>).</summary>
public sealed record HintDefinition
{
    /// <summary>The mistake tag the grader reports.</summary>
    public required string Mistake { get; init; }

    /// <summary>What to fix, in the learner's terms.</summary>
    public required string Text { get; init; }

    /// <summary>Checks the hint applies to; empty: any check of the lab.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
}
