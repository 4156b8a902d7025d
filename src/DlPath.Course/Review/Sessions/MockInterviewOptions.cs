namespace DlPath.Course.Review.Sessions;

/// <summary>Settings of a mock interview (<c>dlpath quiz --mock</c>).</summary>
public sealed record MockInterviewOptions
{
    /// <summary>Number of questions.</summary>
    public int Questions { get; init; } = 20;

    /// <summary>
    /// Whether the 40 % slot mixes in DSA, as the guide's "data structures &amp; algorithms + math" says; when
    /// true a quarter of that slot comes from the DSA deck.
    /// </summary>
    public bool IncludeDsa { get; init; } = true;

    /// <summary>Roadmap tasks reached; cards of other tasks are not asked. Null: any card.</summary>
    public IReadOnlySet<string>? ReachedTasks { get; init; }
}
