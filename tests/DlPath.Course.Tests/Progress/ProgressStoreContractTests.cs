using DlPath.Course.Progress;

namespace DlPath.Course.Tests.Progress;

/// <summary>The same behaviour from both stores: every test runs on SQLite and on a real PostgreSQL server.</summary>
public class ProgressStoreContractTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 9, 18, 30, 15, 123, TimeSpan.Zero);

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void A_new_store_is_empty_and_migrated(string backend)
    {
        using var location = new StoreLocation(backend);
        using var store = location.Open();
        Assert.True(store.IsEmpty());
        Assert.Equal(1, store.SchemaVersion);
        Assert.Empty(store.GetTaskStates());
        Assert.Empty(store.ListHours());
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Hours_are_stored_listed_and_start_the_task(string backend)
    {
        using var location = new StoreLocation(backend);
        using (var store = location.Open())
        {
            var a = store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "ml/week3", 2.5, "cost function", s_now.AddTicks(4567)));
            var b = store.AddHours(new HoursEntry(new DateOnly(2026, 12, 8), "ml/week3", 1.25, null, s_now));
            store.AddHours(new HoursEntry(new DateOnly(2026, 12, 8), "lang/io", 3, "ünïcode ✓", s_now));
            Assert.True(b.Id > a.Id);
            Assert.Equal(s_now, a.LoggedAt); // truncated to milliseconds, UTC
        }

        using var reopened = location.Open();
        var all = reopened.ListHours();
        Assert.Equal(3, all.Count);
        Assert.Equal(new HoursEntry(new DateOnly(2026, 12, 7), "ml/week3", 2.5, "cost function", s_now) { Id = all[0].Id }, all[0]);
        Assert.Equal("ünïcode ✓", all[2].Note);
        Assert.Equal(2, reopened.ListHours(taskId: "ml/week3").Count);
        Assert.Equal(2, reopened.ListHours(from: new DateOnly(2026, 12, 8)).Count);
        Assert.Single(reopened.ListHours(to: new DateOnly(2026, 12, 7)));
        Assert.Equal(TaskState.InProgress, reopened.GetTaskStates()["ml/week3"].State);
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Logging_hours_keeps_a_done_task_done(string backend)
    {
        using var location = new StoreLocation(backend);
        using var store = location.Open();
        store.SetTaskState("ml/week1", TaskState.Done, s_now);
        store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "ml/week1", 1, null, s_now));
        Assert.Equal(TaskState.Done, store.GetTaskStates()["ml/week1"].State);
        store.SetTaskState("ml/week1", TaskState.Skipped, s_now.AddMinutes(1));
        Assert.Equal(new TaskProgress("ml/week1", TaskState.Skipped, s_now.AddMinutes(1)), store.GetTaskStates()["ml/week1"]);
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Absurd_hours_are_refused_and_nothing_is_written(string backend)
    {
        using var location = new StoreLocation(backend);
        using var store = location.Open();
        var day = new DateOnly(2026, 12, 7);
        foreach (var bad in new[] { 0, -1, 24.5, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<StoreException>(() => store.AddHours(new HoursEntry(day, "ml/week1", bad, null, s_now)));
            Assert.Equal(StoreErrorKind.Invalid, e.Kind);
        }

        store.AddHours(new HoursEntry(day, "ml/week1", 20, null, s_now));
        var tooMuch = Assert.Throws<StoreException>(() => store.AddHours(new HoursEntry(day, "ml/week2", 4.5, null, s_now)));
        Assert.Contains("2026-12-07 already has 20 hours", tooMuch.Message, StringComparison.Ordinal);
        store.AddHours(new HoursEntry(day, "ml/week2", 4, null, s_now));
        Assert.Equal(24, store.ListHours().Sum(h => h.Hours));
        Assert.False(store.GetTaskStates().ContainsKey("ml/week3"));
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Lab_results_reviews_and_settings_round_trip(string backend)
    {
        using var location = new StoreLocation(backend);
        using var store = location.Open();
        var lab = store.AddLabResult(new LabResult("batchnorm", true, 0.875, """{"checks":[{"name":"forward","ok":true}]}""", s_now));
        store.AddLabResult(new LabResult("cnn", false, 0.25, "{}", s_now.AddHours(1)));
        Assert.Equal(new LabResult("batchnorm", true, 0.875, """{"checks":[{"name":"forward","ok":true}]}""", s_now) { Id = lab.Id }, store.ListLabResults("batchnorm").Single());
        Assert.Equal(2, store.ListLabResults().Count);
        Assert.False(store.ListLabResults("cnn")[0].Passed);

        store.AddReview(new StoredReview("dl/dropout-scale", 3, s_now, 0, """{"due":"2026-12-12T18:30:15Z"}"""));
        store.AddReview(new StoredReview("dl/dropout-scale", 1, s_now.AddDays(3), 3.0, """{"due":"2026-12-12T19:00:00Z"}"""));
        Assert.Throws<StoreException>(() => store.AddReview(new StoredReview("x", 5, s_now, 0, "{}")));
        var reviews = store.ListReviews("dl/dropout-scale");
        Assert.Equal([3, 1], reviews.Select(r => r.Rating));
        Assert.Equal(3.0, reviews[1].ElapsedDays);

        store.SetSetting("plan.start", "2026-12-07");
        store.SetSetting("plan.start", "2026-12-14");
        Assert.Equal("2026-12-14", store.GetSetting("plan.start"));
        store.SetSetting("plan.start", null);
        Assert.Null(store.GetSetting("plan.start"));
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Export_then_import_round_trips_exactly(string backend)
    {
        using var source = new StoreLocation(backend);
        using var target = new StoreLocation(backend);
        string exported;
        using (var store = source.Open())
        {
            store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "lang/basics", 1.1, "first \"quoted\" note\nline two", s_now.AddTicks(9999)));
            store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "lang/basics", 0.1 + 0.2, null, s_now));
            store.SetTaskState("lang/basics", TaskState.Done, s_now);
            store.SetTaskState("lang/images", TaskState.Skipped, s_now);
            store.AddLabResult(new LabResult("tensors", true, 1, """{"a":1}""", s_now));
            store.AddReview(new StoredReview("math/chain-rule", 4, s_now, 1.5, """{"due":"2027-01-01T00:00:00Z","stability":3.2}"""));
            store.SetSetting("plan.hours_per_week", "12.5");
            exported = store.Export().ToJson();
        }

        using (var store = target.Open())
        {
            store.Import(ProgressSnapshot.FromJson(exported, "export.json"), replace: false);
            Assert.Equal(exported, store.Export().ToJson());
            Assert.Equal(0.1 + 0.2, store.ListHours()[1].Hours);
        }

        Assert.Contains("\"hours\": [", exported, StringComparison.Ordinal);
        Assert.Contains("\"date\": \"2026-12-07\"", exported, StringComparison.Ordinal);
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Import_refuses_to_mix_histories_and_replace_is_atomic(string backend)
    {
        using var location = new StoreLocation(backend);
        using var store = location.Open();
        store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "lang/basics", 2, null, s_now));
        var before = store.Export().ToJson();

        var other = new ProgressSnapshot
        {
            Hours = [new ProgressSnapshot.HoursRow(new DateOnly(2026, 12, 8), "lang/io", 3, null, s_now)],
        };
        var conflict = Assert.Throws<StoreException>(() => store.Import(other, replace: false));
        Assert.Equal(StoreErrorKind.Conflict, conflict.Kind);
        Assert.Equal(before, store.Export().ToJson());

        var broken = other with { Tasks = [new ProgressSnapshot.TaskRow("lang/io", "finished", s_now)] };
        var invalid = Assert.Throws<StoreException>(() => store.Import(broken, replace: true));
        Assert.Contains("unknown task state 'finished'", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(before, store.Export().ToJson());

        // A row the database itself rejects (two entries that make one day longer than 24 hours is fine for
        // import, but a 30-hour row is not) must roll the whole import back.
        var tooLong = new ProgressSnapshot { Hours = [other.Hours[0], other.Hours[0] with { Hours = 30 }] };
        Assert.Throws<StoreException>(() => store.Import(tooLong, replace: true));
        Assert.Equal(before, store.Export().ToJson());

        store.Import(other, replace: true);
        Assert.Equal("lang/io", store.ListHours().Single().TaskId);
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void A_database_from_a_newer_DlPath_is_refused_and_left_alone(string backend)
    {
        using var location = new StoreLocation(backend);
        using (var store = location.Open())
        {
            store.AddHours(new HoursEntry(new DateOnly(2026, 12, 7), "lang/basics", 2, null, s_now));
        }

        location.ExecuteRaw(backend == StoreLocation.Sqlite
            ? "PRAGMA user_version = 7"
            : "UPDATE dlpath_meta SET value = '7' WHERE key = 'schema_version'");
        var e = Assert.Throws<StoreException>(location.Open);
        Assert.Equal(StoreErrorKind.Newer, e.Kind);
        Assert.Contains("newer DlPath (schema version 7; this dlpath knows up to 1)", e.Message, StringComparison.Ordinal);

        location.ExecuteRaw(backend == StoreLocation.Sqlite
            ? "PRAGMA user_version = 1"
            : "UPDATE dlpath_meta SET value = '1' WHERE key = 'schema_version'");
        using var again = location.Open();
        Assert.Single(again.ListHours());
    }

    [Theory, InlineData(StoreLocation.Sqlite), PostgresData]
    public void Tables_of_another_program_are_refused(string backend)
    {
        using var location = new StoreLocation(backend);
        location.ExecuteRaw("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT)");
        var e = Assert.Throws<StoreException>(location.Open);
        Assert.Equal(StoreErrorKind.Foreign, e.Kind);
        location.ExecuteRaw("INSERT INTO tasks (id, title) VALUES (1, 'still here')");
    }
}
