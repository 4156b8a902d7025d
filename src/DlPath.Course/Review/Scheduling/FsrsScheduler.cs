namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// The FSRS-6 scheduler: learning steps for new cards, whole-day intervals from the memory model once a
/// card graduates, relearning steps after a lapse, and optional interval fuzz.
/// </summary>
/// <remarks>
/// Behaviour follows the reference schedulers of open-spaced-repetition (py-fsrs / ts-fsrs): elapsed time
/// is counted in whole days; a review less than a day after the previous one uses the short-term
/// stability formula; Hard on the first learning step waits halfway between the first two steps.
/// </remarks>
public sealed class FsrsScheduler : IReviewScheduler
{
    // Fuzz ranges of the reference: the spread grows by 15 % of the days in [2.5, 7), 10 % in [7, 20), 5 % beyond.
    private static readonly (double Start, double End, double Factor)[] s_fuzzRanges =
    [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.10),
        (20.0, double.PositiveInfinity, 0.05),
    ];

    private readonly Random _random;

    /// <summary>Creates a scheduler; <paramref name="random"/> drives the fuzz (seed it for reproducible runs).</summary>
    public FsrsScheduler(SchedulerOptions? options = null, Random? random = null)
    {
        Options = options ?? new SchedulerOptions();
        if (Options.DesiredRetention is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.DesiredRetention, "desired retention must be in (0, 1)");
        }

        if (Options.MaximumInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaximumInterval, "maximum interval must be at least 1 day");
        }

        Model = new FsrsModel(Options.Parameters);
        _random = random ?? Random.Shared;
    }

    /// <summary>The settings in use.</summary>
    public SchedulerOptions Options { get; }

    /// <summary>The memory model in use.</summary>
    public FsrsModel Model { get; }

    /// <inheritdoc />
    public string Name => "fsrs-6";

    /// <summary>Whole days between two instants, as the reference counts them (floor, never negative).</summary>
    public static int WholeDaysBetween(DateTimeOffset earlier, DateTimeOffset later) =>
        (int)Math.Max(0, Math.Floor((later - earlier).TotalDays));

    /// <inheritdoc />
    public double Retrievability(CardSchedule card, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.LastReview is not { } last || card.Stability is not { } s)
        {
            return 0;
        }

        return Model.Retrievability(WholeDaysBetween(last, at), s);
    }

    /// <inheritdoc />
    public ReviewOutcome Review(CardSchedule card, Rating rating, DateTimeOffset reviewedAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (rating is < Rating.Again or > Rating.Easy)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "rating must be 1 (Again) .. 4 (Easy)");
        }

        if (card.LastReview is { } previous && reviewedAt < previous)
        {
            throw new ArgumentException(
                $"review of '{card.CardId}' at {reviewedAt:O} is earlier than its last review at {previous:O}.", nameof(reviewedAt));
        }

        double elapsed = card.LastReview is { } lr ? (reviewedAt - lr).TotalDays : 0;
        var memory = UpdateMemory(card, rating, reviewedAt);
        var state = card.State;
        int? step = card.Step;
        int lapses = card.Lapses;
        TimeSpan interval;

        switch (state)
        {
            case CardState.New:
            case CardState.Learning:
                (state, step, interval) = NextStep(Options.LearningSteps, step ?? 0, rating, memory.Stability);
                break;
            case CardState.Relearning:
                (state, step, interval) = NextStep(Options.RelearningSteps, step ?? 0, rating, memory.Stability, relearning: true);
                break;
            case CardState.Review:
                if (rating == Rating.Again)
                {
                    lapses++;
                    if (Options.RelearningSteps.Count == 0)
                    {
                        interval = TimeSpan.FromDays(Model.NextIntervalDays(memory.Stability, Options.DesiredRetention, Options.MaximumInterval));
                    }
                    else
                    {
                        state = CardState.Relearning;
                        step = 0;
                        interval = Options.RelearningSteps[0];
                    }
                }
                else
                {
                    interval = TimeSpan.FromDays(Model.NextIntervalDays(memory.Stability, Options.DesiredRetention, Options.MaximumInterval));
                }

                break;
            default:
                throw new ArgumentException($"card '{card.CardId}' has an unknown state {card.State}.", nameof(card));
        }

        if (Options.EnableFuzz && state == CardState.Review)
        {
            interval = Fuzz(interval);
        }

        var next = card with
        {
            State = state,
            Step = state == CardState.Review ? null : step,
            Stability = memory.Stability,
            Difficulty = memory.Difficulty,
            Due = reviewedAt + interval,
            LastReview = reviewedAt,
            Reps = card.Reps + 1,
            Lapses = lapses,
        };
        var log = new ReviewLogEntry(card.CardId, rating, reviewedAt, elapsed, memory.Stability, memory.Difficulty, next.State, next.Due, Name);
        return new ReviewOutcome(next, log);
    }

    private MemoryState UpdateMemory(CardSchedule card, Rating rating, DateTimeOffset reviewedAt)
    {
        if (card.Memory is not { } memory || card.LastReview is not { } last)
        {
            return Model.Step(null, 0, rating);
        }

        return Model.Step(memory, WholeDaysBetween(last, reviewedAt), rating);
    }

    private (CardState State, int? Step, TimeSpan Interval) NextStep(
        IReadOnlyList<TimeSpan> steps, int step, Rating rating, double stability, bool relearning = false)
    {
        var graduate = (CardState.Review, (int?)null,
            TimeSpan.FromDays(Model.NextIntervalDays(stability, Options.DesiredRetention, Options.MaximumInterval)));
        var here = relearning ? CardState.Relearning : CardState.Learning;

        // A card whose step index is beyond this scheduler's steps (the steps were shortened) graduates on any pass.
        if (steps.Count == 0 || (step >= steps.Count && rating != Rating.Again))
        {
            return graduate;
        }

        switch (rating)
        {
            case Rating.Again:
                return (here, 0, steps[0]);
            case Rating.Hard:
                if (step == 0)
                {
                    // Hard on the first step: a bit longer than Again, shorter than Good.
                    var wait = steps.Count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2;
                    return (here, 0, wait);
                }

                return (here, step, steps[step]);
            case Rating.Good:
                return step + 1 >= steps.Count ? graduate : (here, step + 1, steps[step + 1]);
            default:
                return graduate;
        }
    }

    private TimeSpan Fuzz(TimeSpan interval)
    {
        int days = (int)interval.TotalDays;
        var (min, max) = FuzzRange(days);

        // Uniform over [min, max]; the reference draws the same range.
        return min == max ? interval : TimeSpan.FromDays(_random.Next(min, max + 1));
    }

    /// <summary>The interval range fuzz may pick from for an unfuzzed interval of <paramref name="days"/>.</summary>
    public (int Min, int Max) FuzzRange(int days)
    {
        if (days < 2.5)
        {
            return (days, days);
        }

        double delta = 1.0;
        foreach (var (start, end, factor) in s_fuzzRanges)
        {
            delta += factor * Math.Max(Math.Min(days, end) - start, 0.0);
        }

        int min = Math.Max(2, (int)Math.Round(days - delta, MidpointRounding.ToEven));
        int max = Math.Min((int)Math.Round(days + delta, MidpointRounding.ToEven), Options.MaximumInterval);
        return (Math.Min(min, max), max);
    }
}
