namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// The FSRS-6 memory model as plain formulas: forgetting curve, initial state, and the stability and
/// difficulty updates. Scheduling (learning steps, fuzz, due dates) lives in <see cref="FsrsScheduler"/>.
/// </summary>
/// <remarks>
/// Follows the published algorithm (open-spaced-repetition, "The Algorithm", FSRS-6). Notation: S
/// stability in days, D difficulty in [1, 10], R retrievability, G rating 1..4, t elapsed days.
/// </remarks>
public sealed class FsrsModel
{
    /// <summary>Creates a model with the given weights.</summary>
    public FsrsModel(FsrsParameters parameters)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
    }

    /// <summary>A model with the default FSRS-6 weights.</summary>
    public static FsrsModel Default { get; } = new(FsrsParameters.Default);

    /// <summary>The weights of this model.</summary>
    public FsrsParameters Parameters { get; }

    private double W(int i) => Parameters[i];

    /// <summary>
    /// Power forgetting curve <c>R(t, S) = (1 + factor * t / S)^decay</c>; the trainable decay w20 sets how
    /// fast memories fade, and the factor pins R(S, S) = 0.9.
    /// </summary>
    public double Retrievability(double elapsedDays, double stability)
    {
        if (stability <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stability), stability, "stability must be positive");
        }

        return Math.Pow(1.0 + Parameters.Factor * Math.Max(0, elapsedDays) / stability, Parameters.Decay);
    }

    /// <summary>S0(G) = w[G-1].</summary>
    public double InitialStability(Rating rating) => Math.Max(W((int)rating - 1), FsrsParameters.StabilityMin);

    /// <summary>D0(G) = w4 - e^(w5 (G - 1)) + 1, clamped to [1, 10] unless <paramref name="clamp"/> is false.</summary>
    public double InitialDifficulty(Rating rating, bool clamp = true)
    {
        double d = W(4) - Math.Exp(W(5) * ((int)rating - 1)) + 1.0;
        return clamp ? ClampDifficulty(d) : d;
    }

    /// <summary>
    /// D' = w7 D0(Easy) + (1 - w7) (D + ΔD (10 - D) / 9), with ΔD = -w6 (G - 3): the linear damping
    /// slows changes near 10 and the mean reversion pulls towards the Easy start.
    /// </summary>
    public double NextDifficulty(double difficulty, Rating rating)
    {
        double delta = -W(6) * ((int)rating - 3);
        double damped = difficulty + delta * (10.0 - difficulty) / 9.0;
        double reverted = W(7) * InitialDifficulty(Rating.Easy, clamp: false) + (1.0 - W(7)) * damped;
        return ClampDifficulty(reverted);
    }

    /// <summary>
    /// Same-day review: S' = S e^(w17 (G - 3 + w18)) S^(-w19); a Good or Easy review never lowers S.
    /// </summary>
    public double ShortTermStability(double stability, Rating rating)
    {
        double increase = Math.Exp(W(17) * ((int)rating - 3 + W(18))) * Math.Pow(stability, -W(19));
        if (rating >= Rating.Good)
        {
            increase = Math.Max(increase, 1.0);
        }

        return Math.Max(stability * increase, FsrsParameters.StabilityMin);
    }

    /// <summary>
    /// Successful recall: S' = S (1 + e^w8 (11 - D) S^(-w9) (e^(w10 (1 - R)) - 1) · hard · easy), with
    /// hard = w15 for Hard, easy = w16 for Easy. Lower R (a later review) gives a bigger increase.
    /// </summary>
    public double RecallStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        double hard = rating == Rating.Hard ? W(15) : 1.0;
        double easy = rating == Rating.Easy ? W(16) : 1.0;
        double next = stability * (1.0 + Math.Exp(W(8)) * (11.0 - difficulty) * Math.Pow(stability, -W(9))
            * (Math.Exp((1.0 - retrievability) * W(10)) - 1.0) * hard * easy);
        return Math.Max(next, FsrsParameters.StabilityMin);
    }

    /// <summary>
    /// Lapse: S' = min(w11 D^(-w12) ((S + 1)^w13 - 1) e^(w14 (1 - R)), S / e^(w17 w18)) so that forgetting
    /// never raises stability.
    /// </summary>
    public double ForgetStability(double difficulty, double stability, double retrievability)
    {
        double longTerm = W(11) * Math.Pow(difficulty, -W(12)) * (Math.Pow(stability + 1.0, W(13)) - 1.0)
            * Math.Exp((1.0 - retrievability) * W(14));
        double shortTerm = stability / Math.Exp(W(17) * W(18));
        return Math.Max(Math.Min(longTerm, shortTerm), FsrsParameters.StabilityMin);
    }

    /// <summary>Stability after a review on a later day (R computed by the caller).</summary>
    public double NextStability(double difficulty, double stability, double retrievability, Rating rating) =>
        rating == Rating.Again
            ? ForgetStability(difficulty, stability, retrievability)
            : RecallStability(difficulty, stability, retrievability, rating);

    /// <summary>
    /// The memory state after one review. <paramref name="previous"/> is null for the first review;
    /// <paramref name="elapsedDays"/> is the whole number of days since the previous review (0 = same day,
    /// which uses the short-term formula unless <paramref name="shortTerm"/> is false, in which case a
    /// same-day review is treated as a long-term one with t = 0).
    /// </summary>
    public MemoryState Step(MemoryState? previous, double elapsedDays, Rating rating, bool shortTerm = true)
    {
        if (previous is not { } prev)
        {
            return new MemoryState(InitialStability(rating), InitialDifficulty(rating));
        }

        double s = elapsedDays < 1 && shortTerm
            ? ShortTermStability(prev.Stability, rating)
            : NextStability(prev.Difficulty, prev.Stability, Retrievability(elapsedDays, prev.Stability), rating);
        return new MemoryState(s, NextDifficulty(prev.Difficulty, rating));
    }

    /// <summary>
    /// Replays a card's history (ratings with the days elapsed before each; the first entry's days are
    /// ignored) and returns its memory state, as the reference implementations' <c>memory_state</c> does
    /// (<paramref name="shortTerm"/>: whether same-day reviews use the short-term formula).
    /// </summary>
    public MemoryState MemoryStateFromHistory(IReadOnlyList<Rating> ratings, IReadOnlyList<double> elapsedDays, bool shortTerm = true)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(elapsedDays);
        if (ratings.Count == 0 || ratings.Count != elapsedDays.Count)
        {
            throw new ArgumentException(
                $"memory state: need one elapsed-days value per rating and at least one rating; got {ratings.Count} ratings and {elapsedDays.Count} intervals.");
        }

        MemoryState? state = null;
        for (int i = 0; i < ratings.Count; i++)
        {
            state = Step(state, elapsedDays[i], ratings[i], shortTerm);
        }

        return state!.Value;
    }

    /// <summary>
    /// The interval, in whole days (at least 1, at most <paramref name="maximumInterval"/>), after which
    /// retrievability falls to <paramref name="desiredRetention"/>: t = S / factor · (r^(1/decay) - 1).
    /// </summary>
    public int NextIntervalDays(double stability, double desiredRetention, int maximumInterval = 36500)
    {
        double raw = RawInterval(stability, desiredRetention);
        double rounded = Math.Round(raw, MidpointRounding.ToEven);
        return (int)Math.Clamp(rounded, 1, maximumInterval);
    }

    /// <summary>The unrounded interval in days for a stability and a desired retention.</summary>
    public double RawInterval(double stability, double desiredRetention)
    {
        if (desiredRetention is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention, "desired retention must be in (0, 1]");
        }

        return stability / Parameters.Factor * (Math.Pow(desiredRetention, 1.0 / Parameters.Decay) - 1.0);
    }

    private static double ClampDifficulty(double d) => Math.Clamp(d, 1.0, 10.0);
}
