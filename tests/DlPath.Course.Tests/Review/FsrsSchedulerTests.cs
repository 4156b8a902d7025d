using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Tests.Review;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Rating.Again, 60)]
    [InlineData(Rating.Hard, 330)]
    [InlineData(Rating.Good, 600)]
    public void LearningStepsOfANewCard(Rating rating, int seconds)
    {
        var card = new FsrsScheduler(SchedulerOptions.NoFuzz).Review(CardSchedule.New("c", s_t0), rating, s_t0).Card;
        Assert.Equal(CardState.Learning, card.State);
        Assert.Equal(TimeSpan.FromSeconds(seconds), card.Due - s_t0);
    }

    [Fact]
    public void GoodTwiceGraduatesAndAgainRelearnsForTenMinutes()
    {
        var s = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var card = s.Review(CardSchedule.New("c", s_t0), Rating.Good, s_t0).Card;
        Assert.Equal(1, card.Step);
        card = s.Review(card, Rating.Good, card.Due).Card;
        Assert.Equal(CardState.Review, card.State);
        Assert.Null(card.Step);
        Assert.True(card.Due - card.LastReview!.Value >= TimeSpan.FromDays(1));

        card = s.Review(card, Rating.Good, card.Due).Card;
        var lapse = s.Review(card, Rating.Again, card.Due);
        Assert.Equal(CardState.Relearning, lapse.Card.State);
        Assert.Equal(1, lapse.Card.Lapses);
        Assert.Equal(TimeSpan.FromMinutes(10), lapse.Card.Due - card.Due);

        var back = s.Review(lapse.Card, Rating.Good, lapse.Card.Due).Card;
        Assert.Equal(CardState.Review, back.State);
    }

    [Fact]
    public void NoLearningStepsGraduatesImmediately()
    {
        var s = new FsrsScheduler(SchedulerOptions.NoFuzz with { LearningSteps = [] });
        var card = s.Review(CardSchedule.New("c", s_t0), Rating.Again, s_t0).Card;
        Assert.Equal(CardState.Review, card.State);
        Assert.True((card.Due - s_t0).TotalDays >= 1);
    }

    [Fact]
    public void StabilityNeverFallsBelowTheMinimum()
    {
        var s = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var card = CardSchedule.New("c", s_t0);
        for (int i = 0; i < 300; i++)
        {
            card = s.Review(card, Rating.Again, card.Due.AddDays(1)).Card;
            Assert.True(card.Stability >= FsrsParameters.StabilityMin);
        }
    }

    [Fact]
    public void FuzzStaysInItsRangeIsReproducibleAndSpreads()
    {
        var plain = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var seen = new HashSet<int>();
        for (int seed = 0; seed < 40; seed++)
        {
            var a = Run(new FsrsScheduler(new SchedulerOptions(), new Random(seed)));
            var b = Run(new FsrsScheduler(new SchedulerOptions(), new Random(seed)));
            Assert.Equal(a.Days, b.Days);
            var (min, max) = plain.FuzzRange(a.Unfuzzed);
            Assert.InRange(a.Days, min, max);
            seen.Add(a.Days);
        }

        Assert.True(seen.Count > 1, "fuzz never changed the interval");

        (int Days, int Unfuzzed) Run(FsrsScheduler s)
        {
            // Easy from new: 8 days unfuzzed, then one Good at due.
            var card = s.Review(CardSchedule.New("c", s_t0), Rating.Easy, s_t0).Card;
            var due = card.Due;
            var after = s.Review(card, Rating.Good, due).Card;
            var unfuzzed = plain.Model.NextIntervalDays(after.Stability!.Value, 0.9);
            return ((after.Due - due).Days, unfuzzed);
        }
    }

    [Fact]
    public void BadWeightsAreRejectedWithTheirIndex()
    {
        var w = FsrsParameters.Default.ToArray();
        w[6] = 100;
        var e = Assert.Throws<ArgumentException>(() => new FsrsParameters(w));
        Assert.Contains("w6", e.Message);
        Assert.Throws<ArgumentException>(() => new FsrsParameters(w[..20]));
    }

    [Fact]
    public void ReviewBeforeTheLastReviewIsAnError()
    {
        var s = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var card = s.Review(CardSchedule.New("c", s_t0), Rating.Good, s_t0).Card;
        Assert.Throws<ArgumentException>(() => s.Review(card, Rating.Good, s_t0.AddDays(-1)));
    }

    [Fact]
    public void LogEntryRoundTripsThroughJson()
    {
        var s = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var log = s.Review(CardSchedule.New("math.la.001", s_t0), Rating.Hard, s_t0).Log;
        string json = log.ToJson();
        Assert.Contains("\"card_id\":\"math.la.001\"", json);
        Assert.Contains("\"rating\":2", json);
        Assert.Equal(log, ReviewLogEntry.FromJson(json));
        Assert.Throws<FormatException>(() => ReviewLogEntry.FromJson("{oops"));
    }
}
