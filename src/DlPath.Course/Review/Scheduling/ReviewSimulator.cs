using System.Globalization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// Replays a rating sequence for one card so a learner can see how FSRS spaces it: what
/// <c>dlpath review simulate --ratings 3,3,1,4 (--elapsed 0,1,3,10 | --at-due)</c> prints.
/// </summary>
public static class ReviewSimulator
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Simulates the reviews. With <paramref name="elapsedDays"/> (one value per rating, days since the
    /// previous review; the first is ignored) the reviews happen at those gaps; with null, each review
    /// happens exactly when the card falls due. Defaults: FSRS-6 weights, learning steps 1 and 10 minutes,
    /// relearning step 10 minutes, desired retention 0.9, no fuzz.
    /// </summary>
    /// <exception cref="ArgumentException">No ratings, counts differ, or a negative gap.</exception>
    public static IReadOnlyList<SimulatedReview> Simulate(
        IReadOnlyList<Rating> ratings, IReadOnlyList<double>? elapsedDays = null, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
        {
            throw new ArgumentException("simulate: give at least one rating, e.g. --ratings 3,3,1,4.", nameof(ratings));
        }

        if (elapsedDays is not null)
        {
            if (elapsedDays.Count != ratings.Count)
            {
                throw new ArgumentException(
                    $"simulate: {ratings.Count} ratings but {elapsedDays.Count} elapsed values; give one gap per rating (the first is usually 0).",
                    nameof(elapsedDays));
            }

            for (int i = 0; i < elapsedDays.Count; i++)
            {
                if (elapsedDays[i] < 0 || double.IsNaN(elapsedDays[i]))
                {
                    throw new ArgumentException($"simulate: elapsed value #{i + 1} is {elapsedDays[i]}; days between reviews cannot be negative.", nameof(elapsedDays));
                }
            }
        }

        var scheduler = new FsrsScheduler(options ?? SchedulerOptions.NoFuzz);
        var card = CardSchedule.New("simulated", s_start);
        var now = s_start;
        var rows = new List<SimulatedReview>(ratings.Count);
        for (int i = 0; i < ratings.Count; i++)
        {
            if (i > 0)
            {
                now = elapsedDays is null ? card.Due : now + TimeSpan.FromDays(elapsedDays[i]);
            }

            double? r = card.Memory is null ? null : scheduler.Retrievability(card, now);
            card = scheduler.Review(card, ratings[i], now).Card;
            var wait = card.Due - now;
            rows.Add(new SimulatedReview(
                (int)ratings[i], card.Stability!.Value, card.Difficulty!.Value, r,
                (int)Math.Floor(wait.TotalDays), wait, card.State, (now - s_start).TotalDays));
        }

        return rows;
    }

    /// <summary>Parses <c>3,3,1,4</c> (or <c>again,good,...</c>) into ratings.</summary>
    /// <exception cref="FormatException">A value is not 1..4 or a rating name.</exception>
    public static IReadOnlyList<Rating> ParseRatings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Rating>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v is >= 1 and <= 4)
            {
                list.Add((Rating)v);
            }
            else if (!int.TryParse(part, out _) && Enum.TryParse<Rating>(part, ignoreCase: true, out var named))
            {
                list.Add(named);
            }
            else
            {
                throw new FormatException($"ratings: '{part}' is not a rating; use 1 (again), 2 (hard), 3 (good) or 4 (easy).");
            }
        }

        return list.Count > 0 ? list : throw new FormatException("ratings: the list is empty; e.g. --ratings 3,3,1,4.");
    }

    /// <summary>Parses <c>0,1,3,10</c> into day gaps.</summary>
    /// <exception cref="FormatException">A value is not a non-negative number.</exception>
    public static IReadOnlyList<double> ParseElapsed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0 || !double.IsFinite(v))
            {
                throw new FormatException($"elapsed: '{part}' is not a number of days (0 or more).");
            }

            list.Add(v);
        }

        return list;
    }
}
