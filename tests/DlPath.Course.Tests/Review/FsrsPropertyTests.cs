using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Tests.Review;

/// <summary>Properties of the memory model over many random states (seeded, so failures reproduce).</summary>
public sealed class FsrsPropertyTests
{
    private static IEnumerable<(double S, double D, double T)> States(int seed, int count = 2000)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double s = Math.Exp(rng.NextDouble() * 12 - 5); // 0.007 .. 1100 days
            double d = 1 + 9 * rng.NextDouble();
            double t = Math.Floor(rng.NextDouble() * 3 * s) + 1;
            yield return (s, d, t);
        }
    }

    [Fact]
    public void GoodNeverShortensTheInterval()
    {
        var m = FsrsModel.Default;
        foreach (var (s, d, t) in States(1))
        {
            var next = m.Step(new MemoryState(s, d), t, Rating.Good);
            Assert.True(next.Stability >= s, $"S={s} D={d} t={t}: Good gave S'={next.Stability}");
            Assert.True(m.NextIntervalDays(next.Stability, 0.9) >= m.NextIntervalDays(s, 0.9));

            var sameDay = m.Step(new MemoryState(s, d), 0, Rating.Good);
            Assert.True(sameDay.Stability >= s);
        }
    }

    [Fact]
    public void AgainShortensTheInterval()
    {
        var m = FsrsModel.Default;
        foreach (var (s, d, t) in States(2))
        {
            var next = m.Step(new MemoryState(s, d), t, Rating.Again);
            Assert.True(next.Stability < s || s <= FsrsParameters.StabilityMin, $"S={s} D={d} t={t}: Again gave S'={next.Stability}");
            Assert.True(m.NextIntervalDays(next.Stability, 0.9) <= m.NextIntervalDays(s, 0.9));
            // Again raises difficulty, except that mean reversion (w7 = 0.1 %) may pull D down by < 0.02 near 10.
            Assert.True(next.Difficulty >= d - 0.02, $"D={d}: Again gave D'={next.Difficulty}");
        }
    }

    [Fact]
    public void RatingsAreOrderedByStability()
    {
        var m = FsrsModel.Default;
        foreach (var (s, d, t) in States(3, 500))
        {
            double[] after = [.. Enum.GetValues<Rating>().Select(r => m.Step(new MemoryState(s, d), t, r).Stability)];
            Assert.True(after[0] <= after[1] && after[1] <= after[2] && after[2] <= after[3], $"S={s} D={d} t={t}: {string.Join(", ", after)}");
        }
    }

    [Fact]
    public void RetrievabilityFallsWithElapsedTime()
    {
        var m = FsrsModel.Default;
        foreach (var (s, _, _) in States(4, 300))
        {
            double previous = m.Retrievability(0, s);
            Assert.Equal(1.0, previous);
            for (double t = 0.5; t < 2000; t *= 1.7)
            {
                double r = m.Retrievability(t, s);
                Assert.True(r < previous && r > 0, $"S={s}: R({t})={r} not below {previous}");
                previous = r;
            }
        }
    }

    [Fact]
    public void HigherDesiredRetentionGivesShorterIntervals()
    {
        var m = FsrsModel.Default;
        foreach (var (s, _, _) in States(5, 300))
        {
            Assert.True(m.RawInterval(s, 0.95) < m.RawInterval(s, 0.9));
            Assert.True(m.RawInterval(s, 0.9) < m.RawInterval(s, 0.8));
        }
    }

    [Fact]
    public void DifficultyStaysInRange()
    {
        var m = FsrsModel.Default;
        var rng = new Random(6);
        var state = m.Step(null, 0, Rating.Good);
        for (int i = 0; i < 5000; i++)
        {
            state = m.Step(state, rng.Next(0, 30), (Rating)rng.Next(1, 5));
            Assert.InRange(state.Difficulty, 1.0, 10.0);
            Assert.True(state.Stability >= FsrsParameters.StabilityMin && double.IsFinite(state.Stability));
        }
    }
}
