using System.Text.Json.Serialization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>One row of a <see cref="ReviewSimulator"/> run: the card right after a review.</summary>
/// <param name="Rating">The rating given, 1..4.</param>
/// <param name="Stability">Stability after the review, in days.</param>
/// <param name="Difficulty">Difficulty after the review, 1..10.</param>
/// <param name="Retrievability">
/// The model's probability of recall at the moment of the review, before it was applied (null for the
/// first review of a new card, which has no memory yet).
/// </param>
/// <param name="IntervalDays">Whole days until the card is due again (0 while in a learning step).</param>
/// <param name="Interval">The exact wait until the next due time (minutes for learning steps).</param>
/// <param name="State">The card's state after the review.</param>
/// <param name="DayOffset">Days from the first review to this one.</param>
public sealed record SimulatedReview(
    [property: JsonPropertyName("rating")] int Rating,
    [property: JsonPropertyName("stability")] double Stability,
    [property: JsonPropertyName("difficulty")] double Difficulty,
    [property: JsonPropertyName("retrievability")] double? Retrievability,
    [property: JsonPropertyName("interval_days")] int IntervalDays,
    [property: JsonIgnore] TimeSpan Interval,
    [property: JsonPropertyName("state")] CardState State,
    [property: JsonPropertyName("day")] double DayOffset);
