namespace DlPath.Course.Review.Scheduling;

/// <summary>A spaced-repetition scheduler: FSRS-6 (<see cref="FsrsScheduler"/>) or SM-2 (<see cref="Sm2Scheduler"/>).</summary>
public interface IReviewScheduler
{
    /// <summary>Short name written into review logs (<c>fsrs-6</c>, <c>sm-2</c>).</summary>
    string Name { get; }

    /// <summary>Applies one review at <paramref name="reviewedAt"/> and returns the new schedule and its log entry.</summary>
    ReviewOutcome Review(CardSchedule card, Rating rating, DateTimeOffset reviewedAt);

    /// <summary>The predicted probability of recalling the card at <paramref name="at"/> (0 for a new card).</summary>
    double Retrievability(CardSchedule card, DateTimeOffset at);
}
