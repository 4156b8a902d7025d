using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// One logged review, as a progress store persists it (JSON with snake_case names). The optimizer, the
/// statistics and re-scheduling all work from a list of these.
/// </summary>
/// <param name="CardId">The bank card's id.</param>
/// <param name="Rating">The learner's grade.</param>
/// <param name="ReviewedAt">When the review happened.</param>
/// <param name="ElapsedDays">Days since the card's previous review (fractional; 0 for the first).</param>
/// <param name="Stability">Stability after the review.</param>
/// <param name="Difficulty">Difficulty after the review (null under SM-2).</param>
/// <param name="State">Card state after the review.</param>
/// <param name="Due">When the card falls due next.</param>
/// <param name="Scheduler">Which scheduler produced it: <c>fsrs-6</c> or <c>sm-2</c>.</param>
public sealed record ReviewLogEntry(
    [property: JsonPropertyName("card_id")] string CardId,
    [property: JsonPropertyName("rating")] Rating Rating,
    [property: JsonPropertyName("reviewed_at")] DateTimeOffset ReviewedAt,
    [property: JsonPropertyName("elapsed_days")] double ElapsedDays,
    [property: JsonPropertyName("stability")] double? Stability,
    [property: JsonPropertyName("difficulty")] double? Difficulty,
    [property: JsonPropertyName("state")] CardState State,
    [property: JsonPropertyName("due")] DateTimeOffset Due,
    [property: JsonPropertyName("scheduler")] string Scheduler)
{
    /// <summary>JSON options shared by the review types (numbers for enums, snake_case names).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = false };

    /// <summary>Serializes this entry to one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads an entry written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a review log entry.</exception>
    public static ReviewLogEntry FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReviewLogEntry>(json, JsonOptions)
                ?? throw new FormatException("review log entry: JSON was 'null'.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"review log entry: not valid JSON ({e.Message}).", e);
        }
    }
}
