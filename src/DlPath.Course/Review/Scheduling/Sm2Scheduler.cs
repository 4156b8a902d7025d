namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// SuperMemo-2 (Wozniak, 1990), the algorithm behind classic Anki, kept for comparison with FSRS.
/// </summary>
/// <remarks>
/// The four ratings map to SM-2 qualities Again → 1, Hard → 3, Good → 4, Easy → 5. After every review the
/// ease factor becomes EF + 0.1 - (5 - q)(0.08 + (5 - q) 0.02), never below 1.3. A quality below 3 restarts
/// the repetitions (interval 1 day); otherwise the intervals are 1, 6, then the previous interval × EF.
/// SM-2 has no forgetting curve; <see cref="Retrievability"/> assumes the interval was chosen for 90 %
/// recall and uses the FSRS curve with stability = interval, so the two can be plotted side by side.
/// </remarks>
public sealed class Sm2Scheduler : IReviewScheduler
{
    /// <summary>The starting ease factor.</summary>
    public const double InitialEase = 2.5;

    /// <summary>The smallest ease factor.</summary>
    public const double MinimumEase = 1.3;

    /// <inheritdoc />
    public string Name => "sm-2";

    /// <summary>The SM-2 quality (0..5) used for a rating.</summary>
    public static int Quality(Rating rating) => rating switch
    {
        Rating.Again => 1,
        Rating.Hard => 3,
        Rating.Good => 4,
        Rating.Easy => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "rating must be 1..4"),
    };

    /// <inheritdoc />
    public ReviewOutcome Review(CardSchedule card, Rating rating, DateTimeOffset reviewedAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        int q = Quality(rating);
        double ease = card.EaseFactor ?? InitialEase;
        ease = Math.Max(MinimumEase, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));

        // Reps counts successful repetitions in a row here (SM-2's n); lapses count failures after graduating.
        int n = card.State == CardState.New ? 0 : card.Step ?? 0;
        int lapses = card.Lapses;
        double interval;
        if (q < 3)
        {
            if (card.State == CardState.Review)
            {
                lapses++;
            }

            n = 0;
            interval = 1;
        }
        else
        {
            interval = n switch
            {
                0 => 1,
                1 => 6,
                _ => Math.Round((card.Stability ?? 1) * ease, MidpointRounding.AwayFromZero),
            };
            n++;
        }

        double elapsed = card.LastReview is { } last ? (reviewedAt - last).TotalDays : 0;
        var state = q < 3
            ? (card.State is CardState.Review or CardState.Relearning ? CardState.Relearning : CardState.Learning)
            : CardState.Review;
        var next = card with
        {
            State = state,
            Step = n,
            Stability = interval,
            Difficulty = null,
            EaseFactor = ease,
            Due = reviewedAt + TimeSpan.FromDays(interval),
            LastReview = reviewedAt,
            Reps = card.Reps + 1,
            Lapses = lapses,
        };
        return new ReviewOutcome(next, new ReviewLogEntry(card.CardId, rating, reviewedAt, elapsed, interval, null, state, next.Due, Name));
    }

    /// <inheritdoc />
    public double Retrievability(CardSchedule card, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.LastReview is not { } last || card.Stability is not { } interval)
        {
            return 0;
        }

        return FsrsModel.Default.Retrievability(FsrsScheduler.WholeDaysBetween(last, at), interval);
    }
}
