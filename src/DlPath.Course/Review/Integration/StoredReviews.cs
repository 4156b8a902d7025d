using System.Text.Json;
using System.Text.Json.Nodes;
using DlPath.Course.Progress;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Integration;

/// <summary>
/// How a review is kept in the progress store: the scheduler's <see cref="ReviewLogEntry"/> as the row's
/// <c>state_json</c> (so it carries <c>"due"</c>, which the dashboard counts), plus the few schedule fields a
/// log entry lacks (<c>step</c>, <c>reps</c>, <c>lapses</c>, <c>ease_factor</c>) so a card's schedule is
/// restored exactly, fuzz included, instead of being re-derived.
/// </summary>
public static class StoredReviews
{
    /// <summary>The store row for a review outcome.</summary>
    public static StoredReview ToStored(ReviewOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var log = outcome.Log;
        var card = outcome.Card;
        var json = JsonSerializer.SerializeToNode(log, ReviewLogEntry.JsonOptions)!.AsObject();
        json["step"] = card.Step;
        json["reps"] = card.Reps;
        json["lapses"] = card.Lapses;
        json["ease_factor"] = card.EaseFactor;
        return new StoredReview(log.CardId, (int)log.Rating, log.ReviewedAt, log.ElapsedDays, json.ToJsonString(ReviewLogEntry.JsonOptions));
    }

    /// <summary>The log entry of a stored review, or null when its state is not one of ours (imported, corrupt).</summary>
    public static ReviewLogEntry? TryReadLog(StoredReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        try
        {
            var entry = ReviewLogEntry.FromJson(review.StateJson);
            return entry.CardId == review.CardId && Enum.IsDefined(entry.Rating) ? entry : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The card's schedule right after <paramref name="review"/>, or null when the row lacks the schedule
    /// fields (then the schedule has to be replayed from the log).
    /// </summary>
    public static CardSchedule? TryReadSchedule(StoredReview review)
    {
        if (TryReadLog(review) is not { } log)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(review.StateJson)!.AsObject();
            if (!node.TryGetPropertyValue("reps", out var reps) || reps is null || !node.TryGetPropertyValue("lapses", out var lapses) || lapses is null)
            {
                return null;
            }

            int? step = node["step"]?.GetValue<int>();
            double? ease = node["ease_factor"]?.GetValue<double>();
            return new CardSchedule(log.CardId, log.State, step, log.Stability, log.Difficulty, log.Due, log.ReviewedAt,
                reps.GetValue<int>(), lapses.GetValue<int>(), ease);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
