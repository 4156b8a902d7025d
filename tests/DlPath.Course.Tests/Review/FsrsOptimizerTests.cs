using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Tests.Review;

public sealed class FsrsOptimizerTests
{
    private static readonly DateTimeOffset s_t0 = new(2025, 1, 6, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A simulated learner whose memory follows <paramref name="truth"/>, reviewed at jittered intervals.</summary>
    private static List<ReviewLogEntry> SimulatedLog(FsrsParameters truth, int cards, int reviewsPerCard, int seed)
    {
        var model = new FsrsModel(truth);
        var rng = new Random(seed);
        var log = new List<ReviewLogEntry>();
        for (int c = 0; c < cards; c++)
        {
            string id = $"card{c:D4}";
            var at = s_t0.AddHours(rng.Next(0, 24 * 30));
            double u = rng.NextDouble();
            var first = u < 0.2 ? Rating.Again : u < 0.3 ? Rating.Hard : u < 0.9 ? Rating.Good : Rating.Easy;
            var state = model.Step(null, 0, first);
            log.Add(Entry(id, first, at, 0));
            for (int k = 1; k < reviewsPerCard; k++)
            {
                int days = Math.Max(1, (int)Math.Round(model.NextIntervalDays(state.Stability, 0.9) * Math.Exp(-2 + 3.6 * rng.NextDouble())));
                at = at.AddDays(days);
                bool recalled = rng.NextDouble() < model.Retrievability(days, state.Stability);
                double v = rng.NextDouble();
                var rating = !recalled ? Rating.Again : v < 0.1 ? Rating.Hard : v < 0.9 ? Rating.Good : Rating.Easy;
                state = model.Step(state, days, rating);
                log.Add(Entry(id, rating, at, days));
            }
        }

        return log;
    }

    private static ReviewLogEntry Entry(string id, Rating rating, DateTimeOffset at, double elapsed) =>
        new(id, rating, at, elapsed, null, null, CardState.Review, at, "test");

    private static FsrsParameters Truth()
    {
        var w = FsrsParameters.Default.ToArray();
        w[20] = 0.6;  // forgets with a steeper curve than the default learner
        w[8] = 1.2;   // gains stability more slowly
        w[0] = 0.6;
        return new FsrsParameters(w);
    }

    [Fact]
    public void DualNumberLossEqualsTheModelsLoss()
    {
        var log = SimulatedLog(Truth(), cards: 30, reviewsPerCard: 6, seed: 1);
        var optimizer = new FsrsOptimizer();
        var sequences = FsrsOptimizer.Sequences(log, 64);
        foreach (var p in new[] { FsrsParameters.Default, Truth() })
        {
            var (loss, _, count) = FsrsOptimizer.LossAndGradient(p.ToArray(), sequences);
            Assert.Equal(optimizer.LogLoss(p, log), loss / count, 12);
        }
    }

    [Fact]
    public void GradientMatchesCentredDifferences()
    {
        var log = SimulatedLog(Truth(), cards: 25, reviewsPerCard: 5, seed: 2);
        // Add same-day reviews so the short-term weights w17..w19 get gradient too.
        log.AddRange(log.Where(e => e.ElapsedDays >= 1).Take(10)
            .Select(e => e with { ReviewedAt = e.ReviewedAt.AddHours(2), Rating = Rating.Good }).ToList());
        var sequences = FsrsOptimizer.Sequences(log, 64);
        double[] w = FsrsParameters.Default.ToArray();
        w[7] = 0.05; // keep away from the bound so a difference step stays meaningful
        var (_, grad, _) = FsrsOptimizer.LossAndGradient(w, sequences);
        for (int i = 0; i < FsrsParameters.Count; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(w[i]));
            double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (FsrsOptimizer.LossAndGradient(plus, sequences).Loss - FsrsOptimizer.LossAndGradient(minus, sequences).Loss) / (2 * h);
            double rel = Math.Abs(numeric - grad[i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(grad[i]));
            Assert.True(rel < 1e-4 || Math.Abs(numeric - grad[i]) < 1e-7, $"w{i}: analytic {grad[i]} vs numeric {numeric}");
        }
    }

    [Fact]
    public void ShortLogKeepsTheDefaultsAndSaysHowManyReviewsAreNeeded()
    {
        var log = SimulatedLog(Truth(), cards: 10, reviewsPerCard: 4, seed: 3);
        var result = new FsrsOptimizer().Optimize(log);
        Assert.False(result.Optimized);
        Assert.Same(FsrsParameters.Default, result.Parameters);
        Assert.Equal(30, result.TrainingReviews);
        Assert.Contains("512 needed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearnsASimulatedLearnersMemoryFromTheirLog()
    {
        var truth = Truth();
        var log = SimulatedLog(truth, cards: 350, reviewsPerCard: 7, seed: 4);
        var optimizer = new FsrsOptimizer();
        var result = optimizer.Optimize(log);

        Assert.True(result.Optimized, result.Message);
        double truthLoss = optimizer.LogLoss(truth, log);

        // The fit closes (nearly) all of the gap between the default weights and the learner's true ones...
        Assert.True(result.InitialLoss - truthLoss > 0.004, $"the simulated learner should differ from the defaults: {result.InitialLoss} vs {truthLoss}");
        Assert.True(result.FinalLoss < truthLoss + 0.2 * (result.InitialLoss - truthLoss), $"{result.Message} truth {truthLoss}");

        // ...and it generalises: on a fresh log of the same learner it still beats the defaults.
        var heldOut = SimulatedLog(truth, cards: 300, reviewsPerCard: 7, seed: 5);
        Assert.True(optimizer.LogLoss(result.Parameters, heldOut) < optimizer.LogLoss(FsrsParameters.Default, heldOut));
        for (int i = 0; i < FsrsParameters.Count; i++)
        {
            Assert.InRange(result.Parameters[i], FsrsParameters.LowerBounds[i], FsrsParameters.UpperBounds[i]);
        }
    }
}
