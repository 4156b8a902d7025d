using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace DlPath.Course.Progress;

/// <summary>
/// The default store: one SQLite file (<c>progress.db</c>) in the learner's DlPath home. WAL journal,
/// <c>synchronous=FULL</c>, writers serialised with <c>BEGIN IMMEDIATE</c> and a busy timeout, so that
/// concurrent <c>dlpath</c> processes queue instead of failing and a killed process loses nothing that
/// was committed. A file that is not ours (not SQLite, another program's SQLite, damaged, or from a newer
/// DlPath) is refused and never written to.
/// </summary>
public sealed class SqliteProgressStore : SqlProgressStore
{
    /// <summary><c>PRAGMA application_id</c> of DlPath databases: "DLPa" in ASCII.</summary>
    public const int ApplicationId = 0x444C5061;

    private static readonly byte[] s_header = "SQLite format 3\0"u8.ToArray();

    private readonly string _path;

    private SqliteProgressStore(SqliteConnection connection, string path)
        : base(connection, $"SQLite database {path}")
    {
        _path = path;
    }

    /// <summary>The database file.</summary>
    public string Path => _path;

    /// <inheritdoc />
    /// <remarks>
    /// Append a script to add tables or columns (and the same change to the other store); never edit a shipped
    /// one: databases in the field have already run it.
    /// </remarks>
    protected override IReadOnlyList<string> Migrations { get; } =
    [
        // v1: task states, hours, lab results, review log, settings.
        """
        CREATE TABLE tasks (
            task_id    TEXT NOT NULL PRIMARY KEY,
            state      TEXT NOT NULL CHECK (state IN ('todo', 'in_progress', 'done', 'skipped')),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE hours (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id   TEXT NOT NULL,
            day       TEXT NOT NULL,
            hours     REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
            note      TEXT,
            logged_at TEXT NOT NULL
        );
        CREATE INDEX hours_day ON hours (day);
        CREATE INDEX hours_task ON hours (task_id);
        CREATE TABLE lab_results (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            lab_id       TEXT NOT NULL,
            passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
            score        REAL NOT NULL,
            details_json TEXT NOT NULL,
            at           TEXT NOT NULL
        );
        CREATE INDEX lab_results_lab ON lab_results (lab_id);
        CREATE TABLE reviews (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            card_id      TEXT NOT NULL,
            rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at  TEXT NOT NULL,
            elapsed_days REAL NOT NULL,
            state_json   TEXT NOT NULL
        );
        CREATE INDEX reviews_card ON reviews (card_id);
        CREATE TABLE settings (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ];

    /// <summary>
    /// Opens (creating when missing) the database at <paramref name="path"/> and migrates it. Throws
    /// <see cref="StoreException"/> for a corrupt, foreign or newer file, which is left exactly as it was.
    /// </summary>
    public static SqliteProgressStore Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(path))
        {
            throw new StoreException(StoreErrorKind.Foreign, $"{path} is a directory, not a DlPath database. Move it away or choose another --home.");
        }

        var existed = File.Exists(path);
        if (existed)
        {
            CheckHeader(path);
        }
        else
        {
            var dir = System.IO.Path.GetDirectoryName(path)!;
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"cannot create the DlPath home {dir}: {e.Message}. Choose another with --home or DLPATH_HOME.", e);
            }
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pooling: the file is released as soon as the store is disposed (tests, moves, backups).
            Pooling = false,
            // Seconds a statement waits for another process's write lock before giving up.
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        SqliteProgressStore? store = null;
        try
        {
            connection.Open();
            store = new SqliteProgressStore(connection, path);
            store.Initialize(existed);
            return store;
        }
        catch (SqliteException e)
        {
            (store as IDisposable ?? connection).Dispose();
            throw Translate(e, path);
        }
        catch
        {
            (store as IDisposable ?? connection).Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override DbTransaction BeginWrite() => ((SqliteConnection)Connection).BeginTransaction(deferred: false);

    /// <inheritdoc />
    protected override DbTransaction BeginRead() => ((SqliteConnection)Connection).BeginTransaction(deferred: true);

    /// <inheritdoc />
    protected override int ReadSchemaVersion(DbTransaction tx)
    {
        using var cmd = Command(tx, "PRAGMA user_version");
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override void WriteSchemaVersion(DbTransaction tx, int version)
    {
        // PRAGMAs take no parameters; both values are integers this code controls.
        Execute(tx, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {version};");
    }

    private void Initialize(bool existed)
    {
        var (appId, version, objects) = ReadIdentity();
        if (appId != ApplicationId && (appId != 0 || objects > 0))
        {
            throw new StoreException(StoreErrorKind.Foreign,
                $"{_path} is an SQLite database of another program (application id {appId:X8}, {objects} schema objects), not DlPath's. "
                + "It was left untouched: move it away or choose another --home.");
        }

        if (version > LatestSchemaVersion)
        {
            throw new StoreException(StoreErrorKind.Newer, NewerMessage(version));
        }

        if (existed && objects > 0)
        {
            var check = Scalar<string>("PRAGMA quick_check");
            if (check != "ok")
            {
                throw new StoreException(StoreErrorKind.Corrupt,
                    $"{_path} is damaged (SQLite integrity check: {check}). It was left untouched: restore it from a backup or an export (dlpath import), or move it away to start afresh.");
            }
        }

        // WAL lets readers run while a writer commits; FULL makes every commit durable, not only consistent.
        Scalar<string>("PRAGMA journal_mode = WAL");
        Execute(null, "PRAGMA synchronous = FULL");
        Migrate();
    }

    /// <summary>
    /// The application id, schema version and schema object count, read by one statement in one read
    /// transaction. Read one by one, another process creating the database in between could show the
    /// old id beside the new tables, and a fresh DlPath database would look like another program's.
    /// </summary>
    private (long AppId, int Version, long Objects) ReadIdentity()
    {
        using var tx = BeginRead();
        using var cmd = Command(tx,
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
            + "(SELECT COUNT(*) FROM sqlite_master)");
        using var r = cmd.ExecuteReader();
        r.Read();
        var identity = (r.GetInt64(0), checked((int)r.GetInt64(1)), r.GetInt64(2));
        r.Close();
        tx.Commit();
        return identity;
    }

    private T Scalar<T>(string sql)
    {
        using var cmd = Command(null, sql);
        var value = cmd.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CheckHeader(string path)
    {
        byte[] head;
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            head = new byte[100];
            var n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..n];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot read {path}: {e.Message}", e);
        }

        if (head.Length == 0)
        {
            return; // an empty file is a new, empty SQLite database
        }

        if (head.Length < 100 || !head.AsSpan(0, s_header.Length).SequenceEqual(s_header))
        {
            var sample = Encoding.ASCII.GetString(head.AsSpan(0, Math.Min(16, head.Length)))
                .Select(c => char.IsControl(c) || c > 126 ? '.' : c).ToArray();
            throw new StoreException(StoreErrorKind.Corrupt,
                $"{path} is not a DlPath database: it is not an SQLite file (it starts with \"{new string(sample)}\"). "
                + "It was left untouched: move it away or choose another --home.");
        }
    }

    private static StoreException Translate(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        11 or 26 => new StoreException(StoreErrorKind.Corrupt,
            $"{path} is damaged or not a database (SQLite: {e.Message}). It was left untouched: restore it from a backup or an export, or move it away.", e),
        5 or 6 => new StoreException(StoreErrorKind.Unavailable,
            $"{path} is locked by another process for too long (SQLite: {e.Message}). Try again.", e),
        8 or 14 or 23 => new StoreException(StoreErrorKind.Unavailable,
            $"cannot open {path} for writing (SQLite: {e.Message}). Check its permissions, or choose another --home.", e),
        _ => new StoreException(StoreErrorKind.Unavailable, $"{path}: {e.Message}", e),
    };
}
