using System.Text.Json;
using DlPath.Course.Progress;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Integration;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Cli.Tests.Review;

/// <summary>The real dlpath quiz / review against a temporary home.</summary>
public sealed class ReviewCliTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private DlPathProcess.Result Run(string[] args, string? stdin = null, string? today = null) =>
        DlPathProcess.Run(_home.Path, args, today is null ? null : new Dictionary<string, string?> { ["DLPATH_TODAY"] = today }, stdin);

    private DlPathProcess.Result Ok(string[] args, string? stdin = null, string? today = null)
    {
        var r = Run(args, stdin, today);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private int DueReviews(string today) => Parse(Ok(["--json"], today: today).Stdout).GetProperty("due_reviews").GetInt32();

    [Fact]
    public void Deck_json_has_exactly_the_documented_shape()
    {
        var json = Parse(Ok(["review", "deck", "--area", "dsa", "--json"]).Stdout);
        Assert.Equal(["cards"], json.EnumerateObject().Select(p => p.Name));
        var cards = json.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(QuestionBank.Default.InArea(Area.Dsa).Count(), cards.Count);
        foreach (var c in cards)
        {
            Assert.Equal(["id", "area", "topic", "kind", "tasks"], c.EnumerateObject().Select(p => p.Name));
            Assert.Equal("dsa", c.GetProperty("area").GetString());
            Assert.Contains(c.GetProperty("kind").GetString(), new[] { "recall", "choice", "generated" });
            Assert.NotEmpty(c.GetProperty("tasks").EnumerateArray());
        }

        var all = Parse(Ok(["review", "deck", "--json"]).Stdout).GetProperty("cards").GetArrayLength();
        Assert.Equal(QuestionBank.Default.Cards.Count, all);

        var bad = Run(["review", "deck", "--area", "physics"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--area 'physics' is not one of math, ml, dl, dsa", bad.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--elapsed", "0,1,3,10")]
    [InlineData("--at-due", null)]
    public void Simulate_json_matches_the_library(string mode, string? value)
    {
        string[] args = value is null
            ? ["review", "simulate", "--ratings", "3,3,1,4", mode, "--json"]
            : ["review", "simulate", "--ratings", "3,3,1,4", mode, value, "--json"];
        var reviews = Parse(Ok(args).Stdout).GetProperty("reviews").EnumerateArray().ToList();
        var expected = ReviewSimulator.Simulate(
            [Rating.Good, Rating.Good, Rating.Again, Rating.Easy], value is null ? null : [0, 1, 3, 10]);
        Assert.Equal(expected.Count, reviews.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var r = reviews[i];
            Assert.Equal(["rating", "stability", "difficulty", "retrievability", "interval_days"], r.EnumerateObject().Select(p => p.Name));
            Assert.Equal(expected[i].Rating, r.GetProperty("rating").GetInt32());
            Assert.Equal(expected[i].Stability, r.GetProperty("stability").GetDouble(), 12);
            Assert.Equal(expected[i].Difficulty, r.GetProperty("difficulty").GetDouble(), 12);
            Assert.Equal(expected[i].IntervalDays, r.GetProperty("interval_days").GetInt32());
            if (expected[i].Retrievability is { } p)
            {
                Assert.Equal(p, r.GetProperty("retrievability").GetDouble(), 12);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("retrievability").ValueKind);
            }
        }

        var table = Ok(["review", "simulate", "--ratings", "3,3,1,4", "--at-due"]).Stdout;
        Assert.Contains("Relearning", table, StringComparison.Ordinal);
        var both = Run(["review", "simulate", "--ratings", "3,3", "--at-due", "--elapsed", "0,1"]);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("exactly one of --elapsed", both.Stderr, StringComparison.Ordinal);
        var badRating = Run(["review", "simulate", "--ratings", "3,7", "--at-due"]);
        Assert.Equal(1, badRating.ExitCode);
        Assert.Contains("'7' is not a rating", badRating.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scripted_quiz_records_reviews_and_the_dashboard_counts_them_when_due()
    {
        // A fresh learner has reached no task with cards: everything is held back.
        var idle = Ok(["quiz"], "3\n");
        Assert.Contains("Nothing to review", idle.Stdout, StringComparison.Ordinal);
        Assert.Contains("wait for tasks you have not reached", idle.Stdout, StringComparison.Ordinal);

        Ok(["done", "ml/week1"]);
        Assert.Equal(0, DueReviews(DlPathProcess.Today));

        // Every line "3": recall cards are revealed and rated Good, choice cards answered c, numbers 3.
        var session = Ok(["quiz", "--deck", "math", "--new", "3"], string.Concat(Enumerable.Repeat("3\n", 40)));
        Assert.Contains("dlpath quiz · math · 0 due, 3 new", session.Stdout, StringComparison.Ordinal);
        Assert.Contains("Session complete.", session.Stdout, StringComparison.Ordinal);

        var export = _home.File("export.json");
        Ok(["export", export]);
        var reviews = Parse(File.ReadAllText(export)).GetProperty("reviews").EnumerateArray().ToList();
        Assert.True(reviews.Count >= 3, $"{reviews.Count} reviews stored");
        var cards = reviews.Select(r => r.GetProperty("card_id").GetString()!).Distinct().ToList();
        Assert.Equal(3, cards.Count);
        Assert.All(cards, id => Assert.Contains("ml/week1", QuestionBank.Default.Get(id).Tasks));

        // Reviewed just now, nothing is due yet; a month later all three are.
        Assert.Equal(0, DueReviews(DlPathProcess.Today));
        Assert.Equal(3, DueReviews("2027-01-16"));
        var later = Ok(["quiz", "--json", "--new", "0"], "q\n", today: "2027-01-16");
        var summary = Parse(later.Stdout);
        Assert.Equal(0, summary.GetProperty("answered").GetInt32());
        Assert.True(summary.GetProperty("stopped").GetBoolean());
        Assert.Contains("3 due, 0 new", later.Stderr, StringComparison.Ordinal);

        var stats = Parse(Ok(["review", "stats", "--json"], today: "2027-01-16").Stdout);
        Assert.Equal(reviews.Count, stats.GetProperty("total_reviews").GetInt32());
        Assert.Equal(3, stats.GetProperty("due_now").GetInt32());
        Assert.Contains("Cards due, next 14 days", Ok(["review", "stats"], today: "2027-01-16").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void End_of_input_mid_question_ends_the_session_cleanly_keeping_answers()
    {
        Ok(["done", "ml/week1"]);
        var r = Ok(["quiz", "--deck", "math", "--new", "5", "--json"], "\n4\n");
        var summary = Parse(r.Stdout);
        Assert.True(summary.GetProperty("stopped").GetBoolean());
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Ok(["export", _home.File("e.json")]);
        var stored = Parse(File.ReadAllText(_home.File("e.json"))).GetProperty("reviews").GetArrayLength();
        Assert.Equal(summary.GetProperty("answered").GetInt32(), stored);
    }

    [Fact]
    public void A_mock_interview_is_scored_by_area()
    {
        // "a" then "y", over and over: every kind of question moves on within three lines (a recall card takes
        // an attempt and a y; a choice card an "a", skipping a "y" it cannot use; a generated card one line).
        var r = Ok(["quiz", "--mock", "--all", "--questions", "10", "--json"], string.Concat(Enumerable.Repeat("a\ny\n", 40)));
        var json = Parse(r.Stdout);
        Assert.Equal(10, json.GetProperty("questions").GetInt32());
        Assert.Equal(10, json.GetProperty("answered").GetInt32());
        var areas = json.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("area").GetString()!, a => a.GetProperty("total").GetInt32());
        Assert.Equal(10, areas.Values.Sum());
        Assert.Equal(4, areas["math"] + areas["dsa"]);
        Assert.Equal(3, areas["ml"]);
        Assert.Equal(3, areas["dl"]);
        var weighted = json.GetProperty("weighted").GetDouble();
        Assert.InRange(weighted, 0, 1);
        Assert.Contains("Weighted score", r.Stderr, StringComparison.Ordinal);

        // Mock answers are not reviews.
        Ok(["export", _home.File("e.json")]);
        Assert.Equal(0, Parse(File.ReadAllText(_home.File("e.json"))).GetProperty("reviews").GetArrayLength());

        var fresh = Run(["quiz", "--mock"], "q\n");
        Assert.Equal(1, fresh.ExitCode);
        Assert.Contains("--all", fresh.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", Rating.Again)]
    [InlineData(" again ", Rating.Again)]
    [InlineData("h", Rating.Hard)]
    [InlineData("3", Rating.Good)]
    [InlineData("Easy", Rating.Easy)]
    [InlineData("5", null)]
    [InlineData("", null)]
    public void Self_ratings_accept_numbers_names_and_initials(string text, Rating? expected) =>
        Assert.Equal(expected, Commands.QuizCommand.ParseRating(text));

    [Fact]
    public void Optimize_says_how_many_more_reviews_it_needs()
    {
        var json = Parse(Ok(["review", "optimize", "--json"]).Stdout);
        Assert.Equal(0, json.GetProperty("usable_reviews").GetInt32());
        Assert.Equal(512, json.GetProperty("more_needed").GetInt32());
        Assert.False(json.GetProperty("optimized").GetBoolean());
        Assert.Contains("512 more", Ok(["review", "optimize"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_fits_and_saves_weights_once_the_log_is_long_enough_and_reset_removes_them()
    {
        // 60 cards reviewed on later days for a year by a learner who forgets more than FSRS expects.
        var random = new Random(3);
        var scheduler = new FsrsScheduler(SchedulerOptions.NoFuzz);
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        using (var store = SqliteProgressStore.Open(_home.Database))
        {
            foreach (var card in QuestionBank.Default.Cards.Take(60))
            {
                var schedule = CardSchedule.New(card.Id, start);
                var at = start;
                for (int i = 0; i < 12; i++)
                {
                    double recall = i == 0 ? 1 : Math.Pow(scheduler.Retrievability(schedule, at), 2);
                    var rating = random.NextDouble() < recall ? Rating.Good : Rating.Again;
                    var outcome = scheduler.Review(schedule, rating, at);
                    store.AddReview(StoredReviews.ToStored(outcome));
                    schedule = outcome.Card;
                    // Each review on the day it falls due, and never the same day (those teach the optimizer nothing).
                    var dayLater = outcome.Log.ReviewedAt.AddDays(1);
                    at = schedule.Due > dayLater ? schedule.Due : dayLater;
                }
            }
        }

        var json = Parse(Ok(["review", "optimize", "--json"]).Stdout);
        Assert.True(json.GetProperty("usable_reviews").GetInt32() >= 512, json.ToString());
        Assert.True(json.GetProperty("optimized").GetBoolean(), json.ToString());
        Assert.True(json.GetProperty("final_log_loss").GetDouble() < json.GetProperty("initial_log_loss").GetDouble());
        Assert.Equal(21, json.GetProperty("weights").GetArrayLength());
        using (var store = SqliteProgressStore.Open(_home.Database))
        {
            var saved = ReviewSettings.Load(store).Parameters.ToArray();
            Assert.Equal(json.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()), saved);
        }

        Ok(["review", "optimize", "--reset"]);
        using (var store = SqliteProgressStore.Open(_home.Database))
        {
            Assert.Null(store.GetSetting(ReviewSettings.WeightsKey));
        }
    }
}
