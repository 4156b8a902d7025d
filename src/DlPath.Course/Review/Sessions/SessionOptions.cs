namespace DlPath.Course.Review.Sessions;

/// <summary>What a review session should contain (<c>dlpath quiz [--deck ...] [--new N]</c>).</summary>
public sealed record SessionOptions
{
    /// <summary>Which areas to draw from.</summary>
    public DeckFilter Deck { get; init; } = DeckFilter.Mixed;

    /// <summary>How many never-seen cards to introduce.</summary>
    public int NewCards { get; init; } = 10;

    /// <summary>Most due cards to review in one session.</summary>
    public int MaxReviews { get; init; } = 100;

    /// <summary>
    /// Roadmap tasks the learner has reached in the plan; new cards whose tasks are all outside this set
    /// are held back. Null: nothing is held back.
    /// </summary>
    public IReadOnlySet<string>? ReachedTasks { get; init; }

    /// <summary>Failed lab checks whose topics should come up sooner.</summary>
    public IReadOnlyList<LabFailure> LabFailures { get; init; } = [];
}
