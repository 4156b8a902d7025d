using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;
using DlPath.Course.Review.Sessions;

namespace DlPath.Course.Tests.Review;

public sealed class ReviewSessionTests
{
    private static readonly DateTimeOffset s_now = new(2026, 6, 1, 20, 0, 0, TimeSpan.Zero);

    private static SessionItem NewItem(QuestionCard card) => new(card, CardSchedule.New(card.Id, s_now), true, 0, false);

    [Fact]
    public void CheckedAnswersAreRatedAndLearningCardsComeBack()
    {
        var bank = QuestionBank.Default;
        var gen = bank.Get("dl.gen.conv2d-output-shape");
        var recall = bank.Cards.First(c => c.Kind == CardKind.Recall);
        var session = new ReviewSession([NewItem(gen), NewItem(recall)], new FsrsScheduler(SchedulerOptions.NoFuzz), new Random(9));

        var q = session.Current!;
        Assert.Same(gen, q.Card);
        var wrong = session.Answer("1, 2, 3, 4", null, s_now);
        Assert.False(wrong.Correct);
        Assert.Equal(Rating.Again, wrong.Outcome.Log.Rating);

        Assert.Same(recall, session.Current!.Card);
        Assert.Throws<ArgumentException>(() => session.Answer("whatever", null, s_now));
        var self = session.Answer(null, Rating.Easy, s_now.AddMinutes(1));
        Assert.Null(self.Correct);
        Assert.Equal(CardState.Review, self.Outcome.Card.State);

        // The failed card is in its 1-minute learning step, so it comes back with fresh numbers.
        var again = session.Current!;
        Assert.Same(gen, again.Card);
        var right = session.Answer(again.Answer, null, s_now.AddMinutes(2));
        Assert.True(right.Correct);
        Assert.Equal(Rating.Good, right.Outcome.Log.Rating);

        // Good on the first step moves to the 10-minute step: back once more, then graduates.
        var last = session.Current!;
        session.Answer(last.Answer, Rating.Easy, s_now.AddMinutes(12));
        Assert.True(session.IsFinished);
        Assert.Null(session.Current);
        Assert.Equal(4, session.Results.Count);
        Assert.Throws<InvalidOperationException>(() => session.Answer("x", Rating.Good, s_now));
    }

    [Fact]
    public void ACardIsNotShownForeverInOneSession()
    {
        var card = QuestionBank.Default.Cards.First(c => c.Kind == CardKind.Choice);
        var session = new ReviewSession([NewItem(card)], new FsrsScheduler(SchedulerOptions.NoFuzz), new Random(1));
        int shown = 0;
        while (session.Current is { } q)
        {
            int wrong = (q.CorrectIndex!.Value + 1) % q.Options.Count + 1;
            session.Answer(wrong.ToString(System.Globalization.CultureInfo.InvariantCulture), null, s_now.AddMinutes(shown));
            shown++;
        }

        Assert.Equal(ReviewSession.MaxShowingsPerCard, shown);
    }

    [Fact]
    public void ReplayingTheLogRebuildsTheSchedules()
    {
        var scheduler = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var card = CardSchedule.New("math.la.001", s_now);
        var log = new List<ReviewLogEntry>();
        var at = s_now;
        foreach (var rating in new[] { Rating.Good, Rating.Good, Rating.Again, Rating.Good })
        {
            var outcome = scheduler.Review(card, rating, at);
            card = outcome.Card;
            log.Add(outcome.Log);
            at = card.Due;
        }

        log.Reverse(); // order in storage must not matter
        var rebuilt = ReviewLogReplay.Rebuild(log, scheduler);
        Assert.Equal(card, rebuilt["math.la.001"]);
    }
}
