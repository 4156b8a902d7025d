using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DlPath.Course.Progress;

namespace DlPath.Cli.Tests;

/// <summary>Issue 5's reliability promises, checked with real dlpath processes.</summary>
public sealed class ReliabilityTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    // date,hours,task,note lines; 0.01 h each so that no day comes near 24 hours.
    private string BatchFile(string name, int count, string tag)
    {
        var sb = new StringBuilder();
        var first = new DateOnly(2025, 1, 1);
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{first.AddDays(i % 700):yyyy-MM-dd},0.01,ml/week3,{tag}-{i}\n");
        }

        var path = _home.File(name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private JsonElement Export()
    {
        var r = DlPathProcess.Run(_home.Path, "export", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    [Fact]
    public async Task Two_processes_logging_1000_entries_each_at_once_lose_nothing()
    {
        var a = BatchFile("a.csv", 1000, "a");
        var b = BatchFile("b.csv", 1000, "b");
        var runs = await Task.WhenAll(
            Task.Run(() => DlPathProcess.Run(_home.Path, "log", "--file", a)),
            Task.Run(() => DlPathProcess.Run(_home.Path, "log", "--file", b)));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));

        var notes = Export().GetProperty("hours").EnumerateArray().Select(h => h.GetProperty("note").GetString()!).ToList();
        Assert.Equal(2000, notes.Count);
        Assert.Equal(2000, notes.Distinct().Count());
        Assert.Equal(1000, notes.Count(n => n.StartsWith("a-", StringComparison.Ordinal)));

        // Each process's entries keep their own order even though the two interleave.
        var aOrder = notes.Where(n => n.StartsWith("a-", StringComparison.Ordinal)).Select(n => int.Parse(n[2..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 1000), aOrder);
    }

    [Fact]
    public void A_process_killed_mid_write_leaves_a_consistent_database()
    {
        var big = BatchFile("big.csv", 20000, "k");
        using var victim = DlPathProcess.Start(_home.Path, ["log", "--file", big]);

        // Wait until it is committing entries, then kill it without warning.
        var watch = Stopwatch.StartNew();
        long seen = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && seen < 50)
        {
            Thread.Sleep(100);
            seen = CountRows();
        }

        Assert.True(seen >= 50, "the writer never got going");
        victim.Kill(entireProcessTree: true);
        victim.WaitForExit();

        // The database opens (integrity check included), holds a whole prefix of the file, and takes new writes.
        var notes = Export().GetProperty("hours").EnumerateArray().Select(h => h.GetProperty("note").GetString()!).ToList();
        Assert.InRange(notes.Count, (int)seen, 19999);
        Assert.Equal(Enumerable.Range(0, notes.Count).Select(i => $"k-{i}"), notes);
        var more = DlPathProcess.Run(_home.Path, "log", "1", "lang/basics");
        Assert.True(more.ExitCode == 0, more.ToString());
        using var store = SqliteProgressStore.Open(_home.Database);
        Assert.Equal(notes.Count + 1, store.ListHours().Count);
    }

    private long CountRows()
    {
        if (!File.Exists(_home.Database))
        {
            return 0;
        }

        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_home.Database};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM hours";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // not created yet
        }
    }

    [Fact]
    public void A_corrupt_or_foreign_file_is_reported_and_never_overwritten()
    {
        File.WriteAllText(_home.Database, "my thesis notes\n");
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_home.Database)));
        foreach (var args in new[] { Array.Empty<string>(), ["log", "1", "lang/basics"], ["import", "-", "--replace"] })
        {
            var r = DlPathProcess.Run(_home.Path, args, null, args.Contains("import") ? "{\"format\":\"dlpath-progress\",\"version\":1}" : null);
            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains("is not a DlPath database", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("left untouched", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(hash, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_home.Database))));
    }

    [Fact]
    public void A_database_from_a_newer_DlPath_is_refused_politely()
    {
        Assert.Equal(0, DlPathProcess.Run(_home.Path, "log", "1", "lang/basics").ExitCode);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_home.Database};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }

        var r = DlPathProcess.Run(_home.Path, "status");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("was written by a newer DlPath (schema version 99", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("update dlpath", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_batch_file_writes_nothing_and_names_the_lines()
    {
        var path = _home.File("bad.csv");
        File.WriteAllText(path, "date,hours,task,note\n2026-12-01,1,ml/week3,ok\n2026-12-02,-1,ml/week3,neg\n2026-12-03,1,ml/wek4,typo\n2026-12-04,1\n");
        var r = DlPathProcess.Run(_home.Path, "log", "--file", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.csv:3: '-1': hours must be more than 0", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.csv:4: unknown task 'ml/wek4': did you mean ml/week4?", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.csv:5: expected date,hours,task[,note]", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Export().GetProperty("hours").GetArrayLength());
    }
}
