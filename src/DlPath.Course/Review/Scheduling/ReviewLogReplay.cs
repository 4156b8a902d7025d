namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// Rebuilds card schedules from a review log: what a store that keeps only the log needs, and how cards
/// are re-scheduled after <see cref="FsrsOptimizer"/> finds new weights.
/// </summary>
public static class ReviewLogReplay
{
    /// <summary>Replays every card's reviews in time order through <paramref name="scheduler"/>.</summary>
    public static Dictionary<string, CardSchedule> Rebuild(IEnumerable<ReviewLogEntry> log, IReviewScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(scheduler);
        var result = new Dictionary<string, CardSchedule>(StringComparer.Ordinal);
        foreach (var entry in log.OrderBy(e => e.ReviewedAt))
        {
            var card = result.GetValueOrDefault(entry.CardId) ?? CardSchedule.New(entry.CardId, entry.ReviewedAt);
            result[entry.CardId] = scheduler.Review(card, entry.Rating, entry.ReviewedAt).Card;
        }

        return result;
    }
}
