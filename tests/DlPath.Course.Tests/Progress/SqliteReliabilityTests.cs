using System.Security.Cryptography;
using DlPath.Course.Progress;

namespace DlPath.Course.Tests.Progress;

public sealed class SqliteReliabilityTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 9, 18, 0, 0, TimeSpan.Zero);
    private readonly StoreLocation _location = new(StoreLocation.Sqlite);

    public void Dispose() => _location.Dispose();

    private string Db => _location.DatabasePath;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private StoreException RefusedUntouched(StoreErrorKind kind)
    {
        var before = Hash(Db);
        var e = Assert.Throws<StoreException>(() => SqliteProgressStore.Open(Db));
        Assert.Equal(kind, e.Kind);
        Assert.Contains(Db, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(Db));
        Assert.False(File.Exists(Db + "-wal") && new FileInfo(Db + "-wal").Length > 0, "a WAL file was written next to a refused database");
        return e;
    }

    [Fact]
    public async Task Opening_a_new_database_from_several_connections_at_once_creates_it_once_and_refuses_none()
    {
        // The first opener creates the tables; the others must never see its tables without its
        // application id (which once made a fresh DlPath database look like another program's).
        for (var round = 0; round < 30; round++)
        {
            var path = Path.Combine(_location.Directory, $"race-{round}.db");
            using var start = new Barrier(4);
            var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                using var store = SqliteProgressStore.Open(path);
                return store.SchemaVersion;
            })));
            Assert.All(opened, v => Assert.Equal(opened[0], v));
            Assert.True(opened[0] > 0);
        }
    }

    [Fact]
    public void A_text_file_where_the_database_should_be_is_refused_and_kept()
    {
        File.WriteAllText(Db, "these are my notes, not a database\n");
        var e = RefusedUntouched(StoreErrorKind.Corrupt);
        Assert.Contains("not an SQLite file (it starts with \"these are my not\")", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_are_refused_and_kept()
    {
        File.WriteAllBytes(Db, RandomNumberGenerator.GetBytes(8192));
        RefusedUntouched(StoreErrorKind.Corrupt);
    }

    [Fact]
    public void A_database_with_damaged_pages_is_refused_and_kept()
    {
        using (var store = SqliteProgressStore.Open(Db))
        {
            for (var i = 0; i < 300; i++)
            {
                store.AddHours(new HoursEntry(new DateOnly(2026, 1, 1).AddDays(i), "ml/week1", 1, new string('x', 200), s_now));
            }
        }

        // Overwrite the middle of the file (table and index pages), keeping the 100-byte header intact.
        var bytes = File.ReadAllBytes(Db);
        Assert.True(bytes.Length > 16384);
        new Random(1).NextBytes(bytes.AsSpan(4096, bytes.Length - 8192));
        File.WriteAllBytes(Db, bytes);

        var e = RefusedUntouched(StoreErrorKind.Corrupt);
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_programs_SQLite_database_is_refused_and_kept()
    {
        _location.ExecuteRaw("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
        var e = RefusedUntouched(StoreErrorKind.Foreign);
        Assert.Contains("another program", e.Message, StringComparison.Ordinal);

        _location.ExecuteRaw("PRAGMA application_id = 1234");
        RefusedUntouched(StoreErrorKind.Foreign);
    }

    [Fact]
    public void A_directory_where_the_database_should_be_is_refused()
    {
        Directory.CreateDirectory(Db);
        var e = Assert.Throws<StoreException>(() => SqliteProgressStore.Open(Db));
        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_becomes_a_new_database_in_WAL_mode()
    {
        File.WriteAllBytes(Db, []);
        using (var store = SqliteProgressStore.Open(Db))
        {
            Assert.True(store.IsEmpty());
        }

        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA application_id";
        Assert.Equal((long)SqliteProgressStore.ApplicationId, cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Two_connections_writing_at_once_lose_nothing()
    {
        const int perWriter = 300;
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using var store = SqliteProgressStore.Open(Db);
            for (var i = 0; i < perWriter; i++)
            {
                store.AddHours(new HoursEntry(new DateOnly(2026, 1, 1).AddDays(i), $"writer/{w}", 0.01, $"{w}:{i}", s_now));
            }
        })).ToArray();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));

        using var check = SqliteProgressStore.Open(Db);
        var all = check.ListHours();
        Assert.Equal(2 * perWriter, all.Count);
        Assert.Equal(2 * perWriter, all.Select(h => h.Note).Distinct().Count());
    }

    [Fact]
    public void DataHome_prefers_the_option_then_the_environment_then_XDG()
    {
        var fromEnv = Path.Combine(Path.GetTempPath(), "from-env");
        var explicitHome = Path.Combine(Path.GetTempPath(), "explicit");
        string? Env(string name) => name == DataHome.HomeVariable ? fromEnv : null;
        Assert.Equal(explicitHome, DataHome.Resolve(explicitHome, Env));
        Assert.Equal(fromEnv, DataHome.Resolve(null, Env));
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.Equal(Path.Combine(data, "dlpath"), DataHome.Resolve(null, _ => null));
    }

    [Fact]
    public void Postgres_urls_become_connection_strings()
    {
        var cs = PostgresProgressStore.FromUrl("postgresql://ada:s%40cret@db.example.org:6543/path");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        Assert.Equal(("db.example.org", 6543, "ada", "s@cret", "path"), (b.Host, b.Port, b.Username, b.Password, b.Database));
        Assert.Equal("Host=x", PostgresProgressStore.FromUrl("Host=x"));
    }

    [Fact]
    public void An_unreachable_postgres_server_is_a_clear_error()
    {
        var e = Assert.Throws<StoreException>(() => PostgresProgressStore.Open("Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2"));
        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("cannot use the PostgreSQL database z on 127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }
}
