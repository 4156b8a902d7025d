using DlPath.Course.Progress;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Integration;

/// <summary>
/// The learner's reviews as the review library needs them: the log in time order and each card's current
/// schedule, rebuilt from the progress store.
/// </summary>
/// <param name="Log">Every readable review, oldest first.</param>
/// <param name="Schedules">Each reviewed card's current schedule, by card id.</param>
/// <param name="Unreadable">Stored reviews whose state could not be read (left out of both).</param>
public sealed record ReviewHistory(
    IReadOnlyList<ReviewLogEntry> Log,
    IReadOnlyDictionary<string, CardSchedule> Schedules,
    int Unreadable)
{
    /// <summary>
    /// Reads the store. A card's schedule is taken from its newest review when that row carries the full
    /// schedule (<see cref="StoredReviews"/>); otherwise its readable log is replayed through
    /// <paramref name="scheduler"/> (<see cref="ReviewLogReplay"/>).
    /// </summary>
    public static ReviewHistory Load(IProgressStore store, IReviewScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        var rows = store.ListReviews();
        var log = new List<(StoredReview Row, ReviewLogEntry Entry)>(rows.Count);
        int unreadable = 0;
        foreach (var row in rows)
        {
            if (StoredReviews.TryReadLog(row) is { } entry)
            {
                log.Add((row, entry));
            }
            else
            {
                unreadable++;
            }
        }

        var ordered = log.OrderBy(x => x.Entry.ReviewedAt).ThenBy(x => x.Row.Id).ToList();
        var schedules = new Dictionary<string, CardSchedule>(StringComparer.Ordinal);
        foreach (var card in ordered.GroupBy(x => x.Entry.CardId, StringComparer.Ordinal))
        {
            var newest = card.Last();
            schedules[card.Key] = StoredReviews.TryReadSchedule(newest.Row)
                ?? ReviewLogReplay.Rebuild(card.Select(x => x.Entry), scheduler)[card.Key];
        }

        return new ReviewHistory([.. ordered.Select(x => x.Entry)], schedules, unreadable);
    }
}
