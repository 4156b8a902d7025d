using System.Globalization;

namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// Fits the 21 FSRS-6 weights to a learner's own review log, as the reference optimizer does: the model
/// replays each card's history, predicts the probability of recall at every review made on a later day
/// than the previous one, and Adam minimises the log loss (binary cross-entropy) of those predictions
/// against what happened (Again = forgotten), with a cosine-annealed learning rate, weights clamped to
/// their bounds after every step, and the best epoch kept.
/// </summary>
/// <remarks>
/// Gradients are exact: the memory model runs on forward-mode dual numbers (<c>Dual</c>). Unlike the
/// reference, which may step in the middle of a card's history, steps are taken at card boundaries once a
/// batch is full, so no state needs detaching.
/// </remarks>
public sealed class FsrsOptimizer
{
    private const double ProbabilityFloor = 1e-7;

    /// <summary>Creates an optimizer.</summary>
    public FsrsOptimizer(FsrsOptimizerOptions? options = null)
    {
        Options = options ?? new FsrsOptimizerOptions();
        if (Options.Epochs < 1 || Options.BatchSize < 1 || Options.MaxSequenceLength < 2 || !(Options.LearningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "epochs, batch size and learning rate must be positive; sequences need at least 2 reviews.");
        }
    }

    /// <summary>The hyperparameters in use.</summary>
    public FsrsOptimizerOptions Options { get; }

    /// <summary>Number of reviews in <paramref name="log"/> the optimizer can learn from.</summary>
    public int CountTrainingReviews(IEnumerable<ReviewLogEntry> log) => Sequences(log, Options.MaxSequenceLength).Sum(s => s.Targets);

    /// <summary>Mean log loss of the recall predictions of <paramref name="parameters"/> on <paramref name="log"/>.</summary>
    public double LogLoss(FsrsParameters parameters, IEnumerable<ReviewLogEntry> log)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var model = new FsrsModel(parameters);
        double total = 0;
        int count = 0;
        foreach (var seq in Sequences(log, Options.MaxSequenceLength))
        {
            MemoryState? state = null;
            for (int i = 0; i < seq.Ratings.Length; i++)
            {
                if (state is { } s && seq.ElapsedDays[i] >= 1)
                {
                    double p = Math.Clamp(model.Retrievability(seq.ElapsedDays[i], s.Stability), ProbabilityFloor, 1 - ProbabilityFloor);
                    total -= seq.Ratings[i] == Rating.Again ? Math.Log(1 - p) : Math.Log(p);
                    count++;
                }

                state = model.Step(state, seq.ElapsedDays[i], seq.Ratings[i]);
            }
        }

        return count == 0 ? double.NaN : total / count;
    }

    /// <summary>
    /// Optimises the weights on <paramref name="log"/>, starting from <paramref name="start"/> (default
    /// weights if null). With fewer than <see cref="FsrsOptimizerOptions.MinimumReviews"/> usable reviews
    /// it returns the starting weights and says how many more are needed.
    /// </summary>
    public FsrsOptimizationResult Optimize(IEnumerable<ReviewLogEntry> log, FsrsParameters? start = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        start ??= FsrsParameters.Default;
        var entries = log.ToList();
        var sequences = Sequences(entries, Options.MaxSequenceLength);
        int reviews = sequences.Sum(s => s.Targets);
        double initial = LogLoss(start, entries);
        if (reviews < Options.MinimumReviews)
        {
            return new FsrsOptimizationResult(start, false, reviews, initial, initial, string.Create(CultureInfo.InvariantCulture,
                $"Not optimised: {reviews} usable reviews, {Options.MinimumReviews} needed (reviews of a card on a later day than its previous review count)."));
        }

        var lower = FsrsParameters.LowerBounds;
        var upper = FsrsParameters.UpperBounds;
        double[] w = start.ToArray();
        double[] m = new double[FsrsParameters.Count];
        double[] v = new double[FsrsParameters.Count];
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        int stepsPerEpoch = (int)Math.Ceiling((double)reviews / Options.BatchSize);
        int totalSteps = stepsPerEpoch * Options.Epochs;
        int t = 0;
        var best = (Loss: initial, Weights: start.ToArray());
        var rng = new Random(Options.Seed);
        var order = sequences.ToArray();

        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            var grad = new double[FsrsParameters.Count];
            int inBatch = 0;
            for (int c = 0; c < order.Length; c++)
            {
                inBatch += Accumulate(w, order[c], grad);
                bool last = c == order.Length - 1;
                if (inBatch >= Options.BatchSize || (last && inBatch > 0))
                {
                    // Cosine annealing of the learning rate over all steps, as torch's CosineAnnealingLR.
                    double lr = Options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, totalSteps) / totalSteps));
                    t++;
                    for (int i = 0; i < FsrsParameters.Count; i++)
                    {
                        double g = grad[i] / inBatch;
                        m[i] = beta1 * m[i] + (1 - beta1) * g;
                        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                        double mHat = m[i] / (1 - Math.Pow(beta1, t));
                        double vHat = v[i] / (1 - Math.Pow(beta2, t));
                        w[i] = Math.Clamp(w[i] - lr * mHat / (Math.Sqrt(vHat) + eps), lower[i], upper[i]);
                    }

                    Array.Clear(grad);
                    inBatch = 0;
                }
            }

            double loss = LogLoss(new FsrsParameters(w), entries);
            if (loss < best.Loss)
            {
                best = (loss, (double[])w.Clone());
            }
        }

        bool improved = best.Loss < initial;
        string message = improved
            ? string.Create(CultureInfo.InvariantCulture, $"Optimised on {reviews} reviews: log loss {initial:0.0000} -> {best.Loss:0.0000}.")
            : string.Create(CultureInfo.InvariantCulture, $"Kept the starting weights: no epoch beat their log loss {initial:0.0000} on {reviews} reviews.");
        return new FsrsOptimizationResult(new FsrsParameters(best.Weights), improved, reviews, initial, best.Loss, message);
    }

    /// <summary>Total log loss and its gradient over some cards (for tests and the training loop).</summary>
    internal static (double Loss, double[] Gradient, int Count) LossAndGradient(double[] weights, IReadOnlyList<ReviewSequence> sequences)
    {
        var grad = new double[FsrsParameters.Count];
        double loss = 0;
        int count = 0;
        foreach (var seq in sequences)
        {
            var (l, n) = Run(weights, seq, grad);
            loss += l;
            count += n;
        }

        return (loss, grad, count);
    }

    /// <summary>Groups a log into per-card sequences of (rating, whole days since the previous review).</summary>
    internal static List<ReviewSequence> Sequences(IEnumerable<ReviewLogEntry> log, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(log);
        var list = new List<ReviewSequence>();
        foreach (var card in log.GroupBy(e => e.CardId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var reviews = card.OrderBy(e => e.ReviewedAt).Take(maxLength).ToList();
            var ratings = reviews.Select(e => e.Rating).ToArray();
            var days = new int[reviews.Count];
            for (int i = 1; i < reviews.Count; i++)
            {
                days[i] = FsrsScheduler.WholeDaysBetween(reviews[i - 1].ReviewedAt, reviews[i].ReviewedAt);
            }

            int targets = days.Skip(1).Count(d => d >= 1);
            list.Add(new ReviewSequence(card.Key, ratings, days, targets));
        }

        return list;
    }

    private static int Accumulate(double[] w, ReviewSequence seq, double[] grad) => Run(w, seq, grad).Count;

    private static (double Loss, int Count) Run(double[] weights, ReviewSequence seq, double[] grad)
    {
        var w = new Dual[FsrsParameters.Count];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Dual.Variable(weights[i], i);
        }

        var decay = -w[20];
        var factor = Dual.Pow(0.9, 1.0 / decay) - 1.0;
        Dual s = 0, d = 0;
        double loss = 0;
        int count = 0;
        for (int i = 0; i < seq.Ratings.Length; i++)
        {
            var g = seq.Ratings[i];
            int t = seq.ElapsedDays[i];
            if (i == 0)
            {
                s = Dual.Max(w[(int)g - 1], FsrsParameters.StabilityMin);
                d = Dual.Clamp(InitialDifficulty(w, g), 1, 10);
                continue;
            }

            Dual r = Dual.Pow(1.0 + factor * t / s, decay);
            if (t >= 1)
            {
                // Binary cross-entropy: recalled (Hard/Good/Easy) vs forgotten (Again).
                var p = Dual.Clamp(r, ProbabilityFloor, 1 - ProbabilityFloor);
                var term = g == Rating.Again ? -Dual.Log(1.0 - p) : -Dual.Log(p);
                loss += term.Value;
                count++;
                for (int k = 0; k < grad.Length; k++)
                {
                    grad[k] += term.GradAt(k);
                }
            }

            s = t < 1 ? ShortTerm(w, s, g) : g == Rating.Again ? Forget(w, d, s, r) : Recall(w, d, s, r, g);
            d = NextDifficulty(w, d, g);
        }

        return (loss, count);
    }

    private static Dual InitialDifficulty(Dual[] w, Rating g) => w[4] - Dual.Exp(w[5] * ((int)g - 1)) + 1.0;

    private static Dual NextDifficulty(Dual[] w, Dual d, Rating g)
    {
        var delta = -w[6] * ((int)g - 3);
        var damped = d + delta * (10.0 - d) / 9.0;
        return Dual.Clamp(w[7] * InitialDifficulty(w, Rating.Easy) + (1.0 - w[7]) * damped, 1, 10);
    }

    private static Dual ShortTerm(Dual[] w, Dual s, Rating g)
    {
        var inc = Dual.Exp(w[17] * ((int)g - 3 + w[18])) * Dual.Pow(s, -w[19]);
        if (g >= Rating.Good)
        {
            inc = Dual.Max(inc, 1.0);
        }

        return Dual.Max(s * inc, FsrsParameters.StabilityMin);
    }

    private static Dual Recall(Dual[] w, Dual d, Dual s, Dual r, Rating g)
    {
        Dual hard = g == Rating.Hard ? w[15] : 1.0;
        Dual easy = g == Rating.Easy ? w[16] : 1.0;
        var next = s * (1.0 + Dual.Exp(w[8]) * (11.0 - d) * Dual.Pow(s, -w[9]) * (Dual.Exp((1.0 - r) * w[10]) - 1.0) * hard * easy);
        return Dual.Max(next, FsrsParameters.StabilityMin);
    }

    private static Dual Forget(Dual[] w, Dual d, Dual s, Dual r)
    {
        var longTerm = w[11] * Dual.Pow(d, -w[12]) * (Dual.Pow(s + 1.0, w[13]) - 1.0) * Dual.Exp((1.0 - r) * w[14]);
        var shortTerm = s / Dual.Exp(w[17] * w[18]);
        return Dual.Max(Dual.Min(longTerm, shortTerm), FsrsParameters.StabilityMin);
    }
}
