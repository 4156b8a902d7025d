using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Tests.Review;

public sealed class Sm2SchedulerTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GoodReviewsFollowOneSixThenEase()
    {
        var s = new Sm2Scheduler();
        var card = CardSchedule.New("c", s_t0);
        var intervals = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            var next = s.Review(card, Rating.Good, card.Due).Card;
            intervals.Add((int)(next.Due - card.Due).TotalDays);
            card = next;
        }

        // Good = quality 4 leaves the ease at 2.5: 1, 6, 6·2.5 = 15, 15·2.5 = 37.5 → 38.
        Assert.Equal([1, 6, 15, 38], intervals);
        Assert.Equal(2.5, card.EaseFactor!.Value, 12);
    }

    [Fact]
    public void AgainRestartsAndLowersTheEaseButNotBelowTheMinimum()
    {
        var s = new Sm2Scheduler();
        var card = CardSchedule.New("c", s_t0);
        card = s.Review(card, Rating.Good, s_t0).Card;
        card = s.Review(card, Rating.Good, card.Due).Card;
        var lapse = s.Review(card, Rating.Again, card.Due).Card;
        Assert.Equal(TimeSpan.FromDays(1), lapse.Due - card.Due);
        Assert.Equal(2.5 - 0.54, lapse.EaseFactor!.Value, 12);
        Assert.Equal(1, lapse.Lapses);
        Assert.Equal(CardState.Relearning, lapse.State);

        for (int i = 0; i < 10; i++)
        {
            lapse = s.Review(lapse, Rating.Again, lapse.Due).Card;
        }

        Assert.Equal(Sm2Scheduler.MinimumEase, lapse.EaseFactor!.Value, 12);
    }

    [Fact]
    public void EasyGrowsTheEaseAndHardShrinksIt()
    {
        var s = new Sm2Scheduler();
        Assert.Equal(2.6, s.Review(CardSchedule.New("c", s_t0), Rating.Easy, s_t0).Card.EaseFactor!.Value, 12);
        Assert.Equal(2.36, s.Review(CardSchedule.New("c", s_t0), Rating.Hard, s_t0).Card.EaseFactor!.Value, 12);
    }

    [Fact]
    public void RetrievabilityIsNinetyPercentAtTheScheduledInterval()
    {
        var s = new Sm2Scheduler();
        var card = s.Review(CardSchedule.New("c", s_t0), Rating.Good, s_t0).Card;
        card = s.Review(card, Rating.Good, card.Due).Card;
        Assert.Equal(0.9, s.Retrievability(card, card.Due), 12);
        Assert.Equal(0, s.Retrievability(CardSchedule.New("n", s_t0), s_t0));
    }
}
