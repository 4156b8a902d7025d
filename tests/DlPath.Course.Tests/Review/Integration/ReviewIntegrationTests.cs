using DlPath.Course.Dashboard;
using DlPath.Course.Progress;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Integration;
using DlPath.Course.Review.Scheduling;
using DlPath.Course.Review.Sessions;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Tests.Review.Integration;

public sealed class ReviewIntegrationTests : IDisposable
{
    private static readonly DateOnly s_today = new(2026, 12, 16);
    private static readonly DateTimeOffset s_now = new(2026, 12, 16, 12, 0, 0, TimeSpan.Zero);
    private readonly TempStore _temp = new();

    private IProgressStore Store => _temp.Store;

    private static Guide Guide => Guide.Load();

    public void Dispose() => _temp.Dispose();

    private ReviewDesk Open() => ReviewDesk.Open(Guide, Store, s_today, new Random(7));

    /// <summary>Reviews a card Good at each time through the desk, so it graduates to whole-day intervals.</summary>
    private void Review(ReviewDesk desk, string cardId, params DateTimeOffset[] times)
    {
        var scheduler = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var card = desk.Schedules.GetValueOrDefault(cardId) ?? CardSchedule.New(cardId, times[0]);
        foreach (var t in times)
        {
            var outcome = scheduler.Review(card, Rating.Good, t);
            desk.Record(outcome);
            card = outcome.Card;
        }
    }

    [Fact]
    public void Every_card_maps_to_tasks_that_exist_in_the_guide()
    {
        var guide = Guide;
        var unknown = QuestionBank.Default.Cards
            .SelectMany(c => c.Tasks.Where(t => guide.Find(t) is null).Select(t => $"{c.Id} ({c.Source}): {t}"))
            .ToList();
        Assert.True(unknown.Count == 0, "cards tagged with tasks the roadmap does not have:\n" + string.Join("\n", unknown));

        // Each area's deck is reachable somewhere on the path.
        foreach (var area in Enum.GetValues<Area>())
        {
            Assert.Contains(QuestionBank.Default.InArea(area), c => c.Tasks.Count > 0);
        }
    }

    [Fact]
    public void A_stored_review_round_trips_its_schedule_and_carries_due_for_the_dashboard()
    {
        var scheduler = new FsrsScheduler(new SchedulerOptions(), new Random(1));
        var card = CardSchedule.New("math.la.003", s_now);
        foreach (var (rating, days) in new[] { (Rating.Good, 0.0), (Rating.Good, 0.01), (Rating.Good, 5.0), (Rating.Again, 20.0) })
        {
            var outcome = scheduler.Review(card, rating, s_now.AddDays(days));
            var stored = StoredReviews.ToStored(outcome);
            Assert.Equal((int)rating, stored.Rating);
            Assert.Equal(outcome.Card, StoredReviews.TryReadSchedule(stored));
            Assert.Equal(outcome.Log, StoredReviews.TryReadLog(stored));
            Assert.Equal(outcome.Card.Due <= s_now.AddDays(40) ? 1 : 0, DashboardSummary.DueReviewCount([stored], s_now.AddDays(40)));
            card = outcome.Card;
        }

        Assert.Null(StoredReviews.TryReadLog(new StoredReview("x", 3, s_now, 0, "{\"due\":\"2026-01-01T00:00:00Z\"}")));
    }

    [Fact]
    public void History_restores_recorded_schedules_and_replays_rows_without_them()
    {
        var desk = Open();
        Review(desk, "ml.lr.001", s_now, s_now.AddMinutes(10), s_now.AddDays(3));

        // A row written by an older client: the log entry alone, no reps/lapses/step.
        var scheduler = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var first = scheduler.Review(CardSchedule.New("dl.nn.001", s_now), Rating.Easy, s_now);
        Store.AddReview(new StoredReview("dl.nn.001", 4, s_now, 0, first.Log.ToJson()));
        Store.AddReview(new StoredReview("dl.nn.002", 3, s_now, 0, "not json"));

        var history = ReviewHistory.Load(Store, scheduler);
        Assert.Equal(4, history.Log.Count);
        Assert.Equal(1, history.Unreadable);
        Assert.Equal(desk.Schedules["ml.lr.001"], history.Schedules["ml.lr.001"]);
        Assert.Equal(first.Card, history.Schedules["dl.nn.001"]);
        Assert.Equal(3, history.Schedules["ml.lr.001"].Reps);
    }

    [Fact]
    public void Cards_of_tasks_not_reached_are_held_back_until_the_plan_gets_there()
    {
        // A fresh learner is at the start of the path: no interview card belongs to the language tasks.
        var fresh = Open();
        Assert.Empty(fresh.PlanSession(s_now, DeckFilter.Mixed, newCards: 1000));
        Assert.Equal(QuestionBank.Default.Cards.Count, fresh.HeldBack(DeckFilter.Mixed));
        Assert.NotEmpty(fresh.PlanSession(s_now, DeckFilter.Mixed, newCards: 5, includeUnreached: true));

        // Reaching ml/week3 reaches its prerequisites too, and only their cards are offered.
        Store.SetTaskState("ml/week3", TaskState.InProgress, s_now);
        var desk = Open();
        Assert.Contains("ml/week1", desk.Reached);
        Assert.Contains("lang/numerics", desk.Reached);
        Assert.DoesNotContain("ml/week4", desk.Reached);
        var items = desk.PlanSession(s_now, DeckFilter.Mixed, newCards: 1000);
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Contains(i.Card.Tasks, t => t is "ml/week1" or "ml/week2" or "ml/week3"));
        Assert.Contains(items, i => i.Card.Area == Area.Math); // the math deck practises ml/week1
        Assert.DoesNotContain(items, i => i.Card.Tasks.All(t => t.StartsWith("dls/", StringComparison.Ordinal)));

        // A reviewed card stays in the learner's deck even if its tasks were never reached.
        var dlCard = QuestionBank.Default.Cards.First(c => c.Tasks.All(t => !desk.Reached.Contains(t)));
        desk.Record(new FsrsScheduler(SchedulerOptions.NoFuzz).Review(CardSchedule.New(dlCard.Id, s_now), Rating.Again, s_now));
        Assert.Contains(Open().PlanSession(s_now.AddHours(1)), i => i.Card.Id == dlCard.Id && !i.IsNew);
    }

    [Fact]
    public void The_plan_reaches_what_it_starts_today_and_logged_work_reaches_the_rest()
    {
        Store.SetSettings(new Dictionary<string, string?> { ["plan.start"] = "2026-12-14" });
        var now = ReachedTasks.Compute(Guide, Store, s_today);
        Assert.Contains("lang/basics", now);
        Assert.DoesNotContain("ml/week1", now);

        // Logging hours puts a task in progress: it and everything it builds on are reached.
        Store.AddHours(new HoursEntry(s_today, "ml/week2", 2, null, s_now));
        var later = ReachedTasks.Compute(Guide, Store, s_today);
        Assert.Contains("ml/week2", later);
        Assert.Contains("ml/week1", later);
        Assert.DoesNotContain("ml/week3", later);
    }

    [Fact]
    public void A_failed_lab_makes_its_topic_due_at_once_and_a_later_pass_lifts_it()
    {
        Store.SetTaskState("dls/course2", TaskState.InProgress, s_now);
        var desk = Open();
        var bn = QuestionBank.Default.Cards.First(c => c.Topic == "batch-normalization" && desk.Reached.Overlaps(c.Tasks));
        var other = QuestionBank.Default.Cards.First(c => c.Topic == "cnn" && desk.Reached.Overlaps(c.Tasks));
        var reviewedAt = s_now.AddDays(-3);
        Review(desk, bn.Id, reviewedAt, reviewedAt.AddMinutes(10));
        Review(desk, other.Id, reviewedAt, reviewedAt.AddMinutes(10));
        Assert.True(desk.Schedules[bn.Id].Due > s_now.AddDays(-1), "the card should not be due yet before the lab fails");
        Assert.DoesNotContain(Open().PlanSession(s_now.AddDays(-1), newCards: 0), i => i.Card.Id == bn.Id);

        Store.AddLabResult(new LabResult("batchnorm", false, 0.4, "{}", s_now.AddDays(-1)));
        var after = Open();
        Assert.Contains(after.LabFailures, f => f.Key == "batch-normalization");
        var items = after.PlanSession(s_now.AddDays(-1), newCards: 0);
        var item = Assert.Single(items);
        Assert.Equal(bn.Id, item.Card.Id);
        Assert.True(item.DueBecauseOfLab);

        // New cards of the failed topic come before other new cards.
        var fresh = after.PlanSession(s_now, newCards: 3);
        Assert.Equal("batch-normalization", fresh.First(i => i.IsNew).Card.Topic);

        // Passing the lab later lifts the pull.
        Store.AddLabResult(new LabResult("batchnorm", true, 1.0, "{}", s_now));
        Assert.Empty(Open().LabFailures);
    }

    [Fact]
    public void Labs_without_a_topic_fall_back_to_the_tasks_that_practise_them()
    {
        Assert.Equal(["batch-normalization"], LabFailures.KeysFor(Guide, "batchnorm"));
        Assert.Equal(["lang/numerics"], LabFailures.KeysFor(Guide, "tensors"));
        Assert.Equal(["ml/week4"], LabFailures.KeysFor(Guide, "ml/ex3"));
    }

    [Fact]
    public void Fitted_weights_and_retention_come_back_from_the_settings()
    {
        Assert.Same(FsrsParameters.Default, ReviewSettings.Load(Store).Parameters);
        var w = FsrsParameters.Default.ToArray();
        w[0] = 0.5;
        ReviewSettings.SaveWeights(Store, new FsrsParameters(w));
        Store.SetSetting(ReviewSettings.RetentionKey, "0.85");
        var options = ReviewSettings.Load(Store);
        Assert.Equal(w, options.Parameters.ToArray());
        Assert.Equal(0.85, options.DesiredRetention);

        Store.SetSetting(ReviewSettings.RetentionKey, "1.5");
        var e = Assert.Throws<FormatException>(() => ReviewSettings.Load(Store));
        Assert.Contains(ReviewSettings.RetentionKey, e.Message, StringComparison.Ordinal);
    }
}
