namespace DlPath.Course.Progress;

/// <summary>
/// One spaced-repetition review of a card as the progress store keeps it (a row of <c>reviews</c>); the review
/// scheduler's own log entry type is serialised into <see cref="StateJson"/>. <see cref="StateJson"/> is the scheduler's card state after the
/// review, stored verbatim; when it holds a <c>"due"</c> property (an ISO 8601 time) the dashboard uses the
/// latest review of each card to count the cards that are due.
/// </summary>
/// <param name="CardId">Card id (<c>dl/batchnorm-train-vs-eval</c>).</param>
/// <param name="Rating">1 again, 2 hard, 3 good, 4 easy (FSRS ratings).</param>
/// <param name="ReviewedAt">When the card was reviewed (UTC).</param>
/// <param name="ElapsedDays">Days since the card's previous review (0 for the first).</param>
/// <param name="StateJson">Scheduler state after the review, as JSON.</param>
public sealed record StoredReview(string CardId, int Rating, DateTimeOffset ReviewedAt, double ElapsedDays, string StateJson)
{
    /// <summary>Store-assigned id (0 before the entry is stored).</summary>
    public long Id { get; init; }
}
