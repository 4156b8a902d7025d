using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;
using DlPath.Course.Review.Sessions;

namespace DlPath.Course.Tests.Review;

public sealed class SessionTests
{
    private static readonly DateTimeOffset s_now = new(2026, 5, 10, 18, 0, 0, TimeSpan.Zero);
    private static readonly QuestionBank s_bank = QuestionBank.Default;
    private static readonly FsrsScheduler s_fsrs = new(SchedulerOptions.NoFuzz);

    private static CardSchedule Reviewed(string id, DateTimeOffset due, double stability = 10) =>
        new(id, CardState.Review, null, stability, 5, due, (due < s_now ? due : s_now).AddDays(-stability), 3, 0);

    [Fact]
    public void NewCardsAreLimitedAndFilteredByDeck()
    {
        var planner = new SessionPlanner(s_bank, s_fsrs);
        var items = planner.Plan(new Dictionary<string, CardSchedule>(), s_now, new SessionOptions { Deck = DeckFilter.Dl, NewCards = 7 });
        Assert.Equal(7, items.Count);
        Assert.All(items, i => Assert.True(i.IsNew && i.Card.Area == Area.Dl));
        Assert.Equal(DeckFilter.Dsa, DeckFilters.Parse("DSA"));
        Assert.Throws<FormatException>(() => DeckFilters.Parse("physics"));
    }

    [Fact]
    public void DueCardsComeFirstLeastRetrievableFirstAndNotDueCardsStayOut()
    {
        var cards = s_bank.InArea(Area.Math).Take(3).ToList();
        var schedules = new Dictionary<string, CardSchedule>
        {
            [cards[0].Id] = Reviewed(cards[0].Id, s_now.AddDays(-1), stability: 20),  // slightly overdue
            [cards[1].Id] = Reviewed(cards[1].Id, s_now.AddDays(-30), stability: 2), // long overdue, weak
            [cards[2].Id] = Reviewed(cards[2].Id, s_now.AddDays(5)),                 // not due
        };
        var items = new SessionPlanner(s_bank, s_fsrs).Plan(schedules, s_now, new SessionOptions { Deck = DeckFilter.Math, NewCards = 2 });
        Assert.Equal([cards[1].Id, cards[0].Id], items.Where(i => !i.IsNew).Select(i => i.Card.Id));
        Assert.True(items[0].Retrievability < items[1].Retrievability);
        Assert.DoesNotContain(items, i => i.Card.Id == cards[2].Id);
        Assert.Equal(4, items.Count);
        Assert.True(items[2].IsNew && items[3].IsNew);
    }

    [Fact]
    public void NewCardsOfUnreachedTasksAreHeldBack()
    {
        var reached = new HashSet<string> { "ml/week1", "ml/week2" };
        var items = new SessionPlanner(s_bank, s_fsrs).Plan(
            new Dictionary<string, CardSchedule>(), s_now, new SessionOptions { NewCards = 1000, ReachedTasks = reached });
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.Card.Tasks.Any(reached.Contains), i.Card.Id));
        int expected = s_bank.Cards.Count(c => c.Tasks.Any(reached.Contains));
        Assert.Equal(expected, items.Count);
        Assert.True(expected < s_bank.Cards.Count);
    }

    [Fact]
    public void FailedLabMakesItsTopicsCardsDueSoonerAndItsNewCardsFirst()
    {
        var bnCards = s_bank.Cards.Where(c => c.Topic == "batch-normalization").ToList();
        Assert.True(bnCards.Count >= 3);
        var reviewed = bnCards[0];
        var schedules = new Dictionary<string, CardSchedule> { [reviewed.Id] = Reviewed(reviewed.Id, s_now.AddDays(20)) };
        var planner = new SessionPlanner(s_bank, s_fsrs);

        var before = planner.Plan(schedules, s_now, new SessionOptions { NewCards = 3 });
        Assert.DoesNotContain(before, i => i.Card.Id == reviewed.Id);
        Assert.DoesNotContain(before, i => i.Card.Topic == "batch-normalization");

        var failure = new LabFailure("batch-normalization", s_now.AddHours(-1));
        var after = planner.Plan(schedules, s_now, new SessionOptions { NewCards = 3, LabFailures = [failure] });
        var item = Assert.Single(after, i => i.Card.Id == reviewed.Id);
        Assert.True(item.DueBecauseOfLab);
        Assert.All(after.Where(i => i.IsNew), i => Assert.Equal("batch-normalization", i.Card.Topic));

        // A failure older than the card's last review says nothing new.
        var old = new LabFailure("batch-normalization", s_now.AddDays(-30));
        Assert.Equal(schedules[reviewed.Id].Due, SessionPlanner.EffectiveDue(reviewed, schedules[reviewed.Id], [old]));
    }

    [Fact]
    public void MockInterviewIsWeighted40_30_30AndScoredByArea()
    {
        var quotas = MockInterview.Quotas(new MockInterviewOptions { Questions = 20 });
        Assert.Equal(6, quotas[Area.Math]);
        Assert.Equal(2, quotas[Area.Dsa]);
        Assert.Equal(6, quotas[Area.Ml]);
        Assert.Equal(6, quotas[Area.Dl]);
        var noDsa = MockInterview.Quotas(new MockInterviewOptions { Questions = 10, IncludeDsa = false });
        Assert.Equal((4, 0, 3, 3), (noDsa[Area.Math], noDsa[Area.Dsa], noDsa[Area.Ml], noDsa[Area.Dl]));

        var drawn = MockInterview.Draw(s_bank, new Random(5), new MockInterviewOptions { Questions = 20 });
        Assert.Equal(20, drawn.Count);
        Assert.Equal(20, drawn.Select(q => q.Card.Id).Distinct().Count());
        Assert.Equal(8, drawn.Count(q => q.Card.Area is Area.Math or Area.Dsa));

        // All math/dsa right, all ML wrong, half of DL right: 0.4·1 + 0.3·0 + 0.3·0.5 = 0.55.
        int dl = 0;
        var answers = drawn.Select(q => (q.Card, q.Card.Area switch
        {
            Area.Math or Area.Dsa => true,
            Area.Ml => false,
            _ => dl++ % 2 == 0,
        })).ToList();
        var score = MockInterview.Score(answers);
        Assert.Equal(0.55, score.Weighted, 10);
        Assert.Equal(6, score.Areas.Single(a => a.Area == Area.Ml).Total);
        Assert.Equal(0, score.Areas.Single(a => a.Area == Area.Ml).Correct);
    }

    [Fact]
    public void MockInterviewRespectsReachedTasks()
    {
        var reached = new HashSet<string> { "math/linear-algebra", "ml/week3", "dl/framework", "job/apply" };
        var drawn = MockInterview.Draw(s_bank, new Random(1), new MockInterviewOptions { Questions = 10, ReachedTasks = reached });
        Assert.All(drawn, q => Assert.True(q.Card.Tasks.Any(reached.Contains), q.Card.Id));
        var e = Assert.Throws<InvalidOperationException>(() => MockInterview.Draw(
            s_bank, new Random(1), new MockInterviewOptions { ReachedTasks = new HashSet<string> { "job/apply" } }));
        Assert.Contains("no math card belongs to a task you have reached", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticsGiveRetentionForecastAndWeakestTopicsFirst()
    {
        var scheduler = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var la = s_bank.Cards.First(c => c.Topic == "linear-algebra" && c.Kind == CardKind.Recall);
        var svm = s_bank.Cards.First(c => c.Topic == "svm");
        var schedules = new Dictionary<string, CardSchedule>();
        var log = new List<ReviewLogEntry>();
        var t = s_now.AddDays(-40);

        void Do(QuestionCard card, Rating rating, DateTimeOffset at)
        {
            var current = schedules.GetValueOrDefault(card.Id) ?? CardSchedule.New(card.Id, at);
            var outcome = scheduler.Review(current, rating, at);
            schedules[card.Id] = outcome.Card;
            log.Add(outcome.Log);
        }

        Do(la, Rating.Easy, t);
        Do(la, Rating.Good, t.AddDays(8));
        Do(la, Rating.Good, t.AddDays(30));
        Do(svm, Rating.Good, t);
        Do(svm, Rating.Good, t.AddMinutes(10));
        Do(svm, Rating.Again, t.AddDays(3));

        var stats = ReviewStatistics.Compute(s_bank, schedules, log, scheduler, s_now, forecastDays: 400);
        Assert.Equal(6, stats.TotalReviews);
        Assert.Equal(2.0 / 3.0, stats.Retention!.Value, 10); // la day 8 ok, la day 30 ok, svm day 3 lapse
        Assert.Equal(400, stats.DueForecast.Count);
        Assert.Equal(2, stats.DueForecast.Sum());
        Assert.Equal(1, stats.DueForecast[0]); // svm relearning step is overdue
        var first = stats.Topics[0];
        Assert.Equal("svm", first.Topic);
        var laTopic = stats.Topics.Single(x => x.Topic == "linear-algebra");
        Assert.Equal(1, laTopic.Reviewed);
        Assert.Equal(1.0, laTopic.Retention);
        Assert.True(laTopic.MeanRetrievability > first.MeanRetrievability);
        Assert.Equal(0, stats.Topics[^1].Reviewed);
    }
}
