using System.Text.Json.Serialization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// The scheduling state of one question card: what a progress store keeps per card. Immutable; every
/// review returns a new value.
/// </summary>
/// <param name="CardId">The bank card's id, e.g. <c>math.la.012</c>.</param>
/// <param name="State">Life-cycle state.</param>
/// <param name="Step">Index of the current (re)learning step, null when not in a step.</param>
/// <param name="Stability">FSRS stability in days (SM-2: the current interval); null before the first review.</param>
/// <param name="Difficulty">FSRS difficulty in [1, 10]; null before the first review (unused by SM-2).</param>
/// <param name="Due">When the card is next due.</param>
/// <param name="LastReview">When it was last reviewed, null if never.</param>
/// <param name="Reps">Number of reviews so far.</param>
/// <param name="Lapses">Number of times it was forgotten after graduating.</param>
/// <param name="EaseFactor">SM-2 ease factor (null under FSRS).</param>
public sealed record CardSchedule(
    [property: JsonPropertyName("card_id")] string CardId,
    [property: JsonPropertyName("state")] CardState State,
    [property: JsonPropertyName("step")] int? Step,
    [property: JsonPropertyName("stability")] double? Stability,
    [property: JsonPropertyName("difficulty")] double? Difficulty,
    [property: JsonPropertyName("due")] DateTimeOffset Due,
    [property: JsonPropertyName("last_review")] DateTimeOffset? LastReview,
    [property: JsonPropertyName("reps")] int Reps,
    [property: JsonPropertyName("lapses")] int Lapses,
    [property: JsonPropertyName("ease_factor")] double? EaseFactor = null)
{
    /// <summary>A card never reviewed, due at <paramref name="createdAt"/>.</summary>
    public static CardSchedule New(string cardId, DateTimeOffset createdAt) =>
        new(cardId, CardState.New, 0, null, null, createdAt, null, 0, 0);

    /// <summary>The memory state, when the card has one.</summary>
    [JsonIgnore]
    public MemoryState? Memory => Stability is { } s && Difficulty is { } d ? new MemoryState(s, d) : null;

    /// <summary>Whether the card is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => Due <= now;
}
