using System.Text.Json;

namespace DlPath.Cli.Tests;

/// <summary>The real dlpath against a temporary home: what a learner types, what they see.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private DlPathProcess.Result Ok(params string[] args)
    {
        var r = DlPathProcess.Run(_home.Path, args);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        return r;
    }

    private DlPathProcess.Result Fails(params string[] args)
    {
        var r = DlPathProcess.Run(_home.Path, args);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.StartsWith("dlpath: ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal); // never a stack trace
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        return r;
    }

    private JsonElement Json(params string[] args)
    {
        var r = Ok([.. args, "--json"]);
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void The_dashboard_works_on_a_fresh_home_with_no_set_up()
    {
        var freshHome = Path.Combine(_home.Path, "not", "yet", "there");
        var r = DlPathProcess.Run(freshHome, []);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Next: lang/basics", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("week 1 of", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("dlpath plan --start", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(freshHome, "progress.db")));

        var json = Json();
        Assert.Equal(1, json.GetProperty("week").GetInt32());
        Assert.Equal("lang/basics", json.GetProperty("next_task").GetProperty("id").GetString());
        Assert.Equal(0, json.GetProperty("due_reviews").GetInt32());
        Assert.False(json.GetProperty("plan").GetProperty("saved").GetBoolean());
    }

    [Fact]
    public void Log_done_skip_and_status_track_progress()
    {
        Ok("plan", "--start", "2026-12-07", "--hours", "20");
        var logged = Ok("log", "2.5", "lang/basics", "--note", "tour of C#", "--date", "2026-12-08");
        Assert.Contains("Logged 2.5 h on lang/basics for 2026-12-08", logged.Stdout, StringComparison.Ordinal);
        Ok("log", "1h30m", "lang/basics", "--date", "yesterday");
        Ok("log", "90m", "lang/io");

        var done = Ok("done", "lang/basics", "lang/io");
        Assert.Contains("lang/basics is now done", done.Stdout, StringComparison.Ordinal);
        Ok("skip", "lang/images");
        var numerics = Ok("done", "lang/numerics");
        Assert.Contains("Checkpoint:", numerics.Stdout, StringComparison.Ordinal);

        var status = Json("status");
        var tasks = status.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal("done", tasks["lang/basics"].GetProperty("state").GetString());
        Assert.Equal(4, tasks["lang/basics"].GetProperty("hours_logged").GetDouble());
        Assert.Equal("skipped", tasks["lang/images"].GetProperty("state").GetString());
        Assert.Equal("todo", tasks["ml/week3"].GetProperty("state").GetString());
        Assert.Equal(5.5, status.GetProperty("hours_logged").GetDouble());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("done").GetInt32());

        var undo = Json("done", "lang/io", "--undo");
        Assert.Equal("in_progress", undo.GetProperty("tasks")[0].GetProperty("state").GetString());

        var dashboard = Json();
        Assert.Equal(2, dashboard.GetProperty("week").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("streak_days").GetInt32());
        Assert.Equal(3, dashboard.GetProperty("hours_this_week").GetDouble()); // yesterday and today; 2026-12-08 was week 1
        Assert.Equal("lang/io", dashboard.GetProperty("next_task").GetProperty("id").GetString());
        Assert.True(dashboard.GetProperty("plan").GetProperty("saved").GetBoolean());

        var human = Ok("status");
        Assert.Contains("lang/basics", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("done", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Mistakes_get_clear_errors_with_suggestions()
    {
        Assert.Contains("unknown task 'ml/wek3': did you mean ml/week3?", Fails("log", "2", "ml/wek3").Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean ml/week3?", Fails("done", "week3").Stderr, StringComparison.Ordinal);
        Assert.Contains("hours must be more than 0", Fails("log", "-2", "ml/week3").Stderr, StringComparison.Ordinal);
        Assert.Contains("hours must be more than 0", Fails("log", "0", "ml/week3").Stderr, StringComparison.Ordinal);
        Assert.Contains("more than a day holds", Fails("log", "30", "ml/week3").Stderr, StringComparison.Ordinal);
        Assert.Contains("'lots' is not a number of hours", Fails("log", "lots", "ml/week3").Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a date: use YYYY-MM-DD", Fails("log", "1", "ml/week3", "--date", "12/08/2026").Stderr, StringComparison.Ordinal);
        Assert.Contains("is in the future", Fails("log", "1", "ml/week3", "--date", "2026-12-17").Stderr, StringComparison.Ordinal);
        Assert.Contains("is the year right?", Fails("log", "1", "ml/week3", "--date", "1926-12-08").Stderr, StringComparison.Ordinal);
        Assert.Contains("hours per week must be more than 0", Fails("plan", "--hours", "-5").Stderr, StringComparison.Ordinal);
        Assert.Contains("--start: '2026-02-30' is not a date", Fails("plan", "--start", "2026-02-30").Stderr, StringComparison.Ordinal);

        Ok("log", "20", "ml/week1", "--date", "2026-12-10");
        Assert.Contains("already has 20 hours logged", Fails("log", "5", "ml/week2", "--date", "2026-12-10").Stderr, StringComparison.Ordinal);

        // Nothing from the refused commands was written.
        Assert.Equal(20, Json("status").GetProperty("hours_logged").GetDouble());

        var typo = DlPathProcess.Run(_home.Path, "stauts");
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains("status", typo.Stderr + typo.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_prints_the_issue_json_replans_and_exports_ics()
    {
        var plan = Json("plan", "--start", "2026-12-07", "--hours", "20");
        Assert.Equal(["start", "end", "hours_per_week", "weeks"], plan.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-12-07", plan.GetProperty("start").GetString());
        var weeks = plan.GetProperty("weeks").GetArrayLength();
        Assert.InRange(weeks, 24, 28);
        // Today (2026-12-16) is in week 2: week 1 is past and nothing was logged in it.
        Assert.Equal(0, plan.GetProperty("weeks")[0].GetProperty("tasks").GetArrayLength());
        var secondWeek = plan.GetProperty("weeks")[1];
        Assert.Equal(["index", "start", "tasks"], secondWeek.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, secondWeek.GetProperty("index").GetInt32());
        Assert.Equal("2026-12-14", secondWeek.GetProperty("start").GetString());
        Assert.Equal(["id", "hours"], secondWeek.GetProperty("tasks")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("lang/basics", secondWeek.GetProperty("tasks")[0].GetProperty("id").GetString());

        // Two weeks later with only two hours logged: the re-plan is behind and says what moved.
        Ok("log", "2", "lang/basics", "--date", "2026-12-15");
        var later = new Dictionary<string, string?> { ["DLPATH_TODAY"] = "2026-12-30" };
        var dashboard = DlPathProcess.Run(_home.Path, ["--json"], later);
        Assert.Equal(14, JsonDocument.Parse(dashboard.Stdout).RootElement.GetProperty("plan").GetProperty("end_shift_days").GetInt32());
        var text = DlPathProcess.Run(_home.Path, ["plan"], later);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Behind the plan of 2026-12-16 by 2 weeks", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("lang/io: due", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("█", text.Stdout, StringComparison.Ordinal);

        var replanned = JsonDocument.Parse(DlPathProcess.Run(_home.Path, ["plan", "--json"], later).Stdout).RootElement;
        Assert.Equal(weeks + 2, replanned.GetProperty("weeks").GetArrayLength());
        Assert.Equal(2, replanned.GetProperty("weeks")[1].GetProperty("tasks")[0].GetProperty("hours").GetDouble());
        Assert.Equal(0, replanned.GetProperty("weeks")[2].GetProperty("tasks").GetArrayLength());

        var ics = _home.File("plan.ics");
        Ok("plan", "--ics", ics, "--off", "2026-12-24..2027-01-01");
        var calendar = File.ReadAllText(ics);
        Assert.StartsWith("BEGIN:VCALENDAR", calendar, StringComparison.Ordinal);
        Assert.Equal(42, calendar.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("UID:ml/week3@dlpath", calendar, StringComparison.Ordinal);

        var saved = Json();
        Assert.Equal(20, saved.GetProperty("plan").GetProperty("hours_per_week").GetDouble());
    }

    [Fact]
    public void Export_and_import_round_trip_exactly()
    {
        Ok("plan", "--start", "2026-12-07", "--hours", "15");
        Ok("log", "2.5", "lang/basics", "--note", "naïve \"quotes\", commas", "--date", "2026-12-08");
        Ok("log", "0.1", "lang/basics", "--date", "2026-12-09");
        Ok("done", "lang/basics");
        Ok("skip", "lang/images");
        var file = _home.File("progress.json");
        Ok("export", file);
        var exported = File.ReadAllText(file);
        using (var doc = JsonDocument.Parse(exported))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("hours").GetArrayLength());
        }

        using var other = new TempHome();
        var imported = DlPathProcess.Run(other.Path, ["import", file, "--json"], null);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var again = DlPathProcess.Run(other.Path, "export", "-");
        Assert.Equal(exported, again.Stdout);

        // Importing into a home that has progress needs --replace; the refusal changes nothing.
        Ok("log", "1", "lang/io", "--date", "2026-12-10");
        Assert.Contains("--replace", Fails("import", file).Stderr, StringComparison.Ordinal);
        Assert.Equal(3.6, Json("status").GetProperty("hours_logged").GetDouble(), 9);
        Ok("import", file, "--replace");
        Assert.Equal(exported, Ok("export", "-").Stdout);

        File.WriteAllText(_home.File("bad.json"), "{\"format\":\"something-else\"}");
        Assert.Contains("is not a DlPath progress export", Fails("import", _home.File("bad.json"), "--replace").Stderr, StringComparison.Ordinal);
        Assert.Contains("already exists", Fails("export", file).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_task_is_closed_the_dashboard_says_what_next()
    {
        var ids = Json("status").GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.Equal(42, ids.Count);
        Ok(["skip", .. ids.Skip(1)]);
        Ok("done", ids[0]);
        var r = Ok();
        Assert.Contains("Every task of the guide is done or skipped", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Keep up with research", r.Stdout, StringComparison.Ordinal);
        var json = Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next_task").ValueKind);
        Assert.Equal(100, json.GetProperty("percent_complete").GetDouble());
    }

    [Fact]
    public void Without_a_home_setting_progress_goes_to_the_XDG_data_directory()
    {
        var xdg = Path.Combine(_home.Path, "xdg-data");
        var r = DlPathProcess.Run(_home.Path, ["log", "1", "lang/basics"], new Dictionary<string, string?> { ["DLPATH_HOME"] = null, ["XDG_DATA_HOME"] = xdg });
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(Path.Combine(xdg, "dlpath", "progress.db")));
        Assert.False(File.Exists(_home.Database));
    }

    [Fact]
    public void Home_option_beats_the_environment()
    {
        using var other = new TempHome();
        var r = DlPathProcess.Run(_home.Path, "--home", other.Path, "log", "1", "lang/basics");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(other.Database));
        Assert.False(File.Exists(_home.Database));
    }
}
