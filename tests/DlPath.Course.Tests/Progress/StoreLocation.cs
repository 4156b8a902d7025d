using DlPath.Course.Progress;
using Npgsql;

namespace DlPath.Course.Tests.Progress;

/// <summary>
/// A fresh, private place for a store: a temporary directory for SQLite, a new schema on the test server for
/// PostgreSQL. Disposing removes it.
/// </summary>
internal sealed class StoreLocation : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _schema;

    public StoreLocation(string backend)
    {
        Backend = backend;
        if (backend == Sqlite)
        {
            Directory = Path.Combine(Path.GetTempPath(), "dlpath-test-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            var server = PostgresTestServer.ConnectionString ?? throw new InvalidOperationException(PostgresTestServer.SkipReason);
            _schema = "t_" + Guid.NewGuid().ToString("N");
            using (var admin = new NpgsqlConnection(server))
            {
                admin.Open();
                using var cmd = admin.CreateCommand();
                cmd.CommandText = $"CREATE SCHEMA {_schema}";
                cmd.ExecuteNonQuery();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = _schema, Pooling = false }.ConnectionString;
            Directory = Path.GetTempPath();
        }
    }

    public string Backend { get; }

    /// <summary>The home directory (SQLite).</summary>
    public string Directory { get; }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath => Path.Combine(Directory, DataHome.DatabaseFileName);

    /// <summary>The connection string with the private schema (PostgreSQL).</summary>
    public string? ConnectionString { get; }

    public IProgressStore Open() => Backend == Sqlite
        ? SqliteProgressStore.Open(DatabasePath)
        : PostgresProgressStore.Open(ConnectionString!);

    /// <summary>Runs SQL on the raw database (to simulate other programs and newer DlPaths).</summary>
    public void ExecuteRaw(string sql)
    {
        if (Backend == Sqlite)
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        else
        {
            using var c = new NpgsqlConnection(ConnectionString);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        if (Backend == Sqlite)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
        else
        {
            using var admin = new NpgsqlConnection(PostgresTestServer.ConnectionString);
            admin.Open();
            using var cmd = admin.CreateCommand();
            cmd.CommandText = $"DROP SCHEMA IF EXISTS {_schema} CASCADE";
            cmd.ExecuteNonQuery();
        }
    }
}
