using System.Text.Json;
using Npgsql;

namespace DlPath.Cli.Tests;

/// <summary>A fact that needs PostgreSQL: skipped, with the reason, only when <c>DLPATH_TEST_PG</c> is unset.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DLPATH_TEST_PG")))
        {
            Skip = "DLPATH_TEST_PG is not set: no PostgreSQL server for this run. Start one with eval \"$(bash .ci/postgres.sh)\" (CI always does).";
        }
    }
}

/// <summary>dlpath with <c>DLPATH_DB</c> pointing at a real PostgreSQL server.</summary>
public sealed class PostgresEndToEndTests : IDisposable
{
    private readonly TempHome _home = new();
    private readonly string? _schema;
    private readonly Dictionary<string, string?> _env = [];

    public PostgresEndToEndTests()
    {
        var server = Environment.GetEnvironmentVariable("DLPATH_TEST_PG");
        if (string.IsNullOrEmpty(server))
        {
            return;
        }

        _schema = "cli_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE SCHEMA {_schema}";
            cmd.ExecuteNonQuery();
        }

        _env["DLPATH_DB"] = new NpgsqlConnectionStringBuilder(server) { SearchPath = _schema }.ConnectionString;
    }

    public void Dispose()
    {
        _home.Dispose();
        if (_schema is not null)
        {
            using var c = new NpgsqlConnection(Environment.GetEnvironmentVariable("DLPATH_TEST_PG"));
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP SCHEMA IF EXISTS {_schema} CASCADE";
            cmd.ExecuteNonQuery();
        }
    }

    private DlPathProcess.Result Run(params string[] args) => DlPathProcess.Run(_home.Path, args, _env);

    [PostgresFact]
    public async Task Progress_lives_in_postgres_and_concurrent_writers_lose_nothing()
    {
        var log = Run("log", "2", "ml/week3", "--note", "from postgres");
        Assert.True(log.ExitCode == 0, log.ToString());
        Assert.False(File.Exists(_home.Database), "DLPATH_DB is set, so no SQLite file should be created");

        var lines = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"2025-{1 + (i % 12):00}-{1 + (i % 28):00},0.01,ml/week4,n{i}"));
        var file = _home.File("batch.csv");
        File.WriteAllText(file, lines);
        var runs = await Task.WhenAll(Task.Run(() => Run("log", "--file", file)), Task.Run(() => Run("log", "--file", file)));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));

        var status = Run("status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var doc = JsonDocument.Parse(status.Stdout);
        Assert.Equal(2 + 400 * 0.01, doc.RootElement.GetProperty("hours_logged").GetDouble(), 6);

        var dashboard = Run();
        Assert.True(dashboard.ExitCode == 0, dashboard.ToString());
        Assert.Contains("Next: ml/week3", dashboard.Stdout, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void An_unreachable_server_is_a_clear_error()
    {
        var r = DlPathProcess.Run(_home.Path, ["status"], new Dictionary<string, string?> { ["DLPATH_DB"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=nowhere;Timeout=2" });
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot use the PostgreSQL database nowhere on 127.0.0.1:1", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }
}
