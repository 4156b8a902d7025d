using System.Data.Common;

namespace DlPath.Course.Progress;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL stores. Subclasses supply the connection, the migrations
/// in their dialect, how a write transaction starts and where the schema version is kept.
/// </summary>
public abstract class SqlProgressStore : IProgressStore
{
    private readonly DbConnection _connection;
    private bool _disposed;

    /// <summary>Wraps an open connection.</summary>
    protected SqlProgressStore(DbConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    /// <summary>The open connection.</summary>
    protected DbConnection Connection => _connection;

    /// <summary>Migration scripts in order: script i brings the schema from version i to i + 1.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>The newest schema this code knows.</summary>
    public int LatestSchemaVersion => Migrations.Count;

    /// <summary>Starts a transaction that may write, serialised against other writers.</summary>
    protected abstract DbTransaction BeginWrite();

    /// <summary>Starts a read-only transaction that sees one consistent snapshot.</summary>
    protected abstract DbTransaction BeginRead();

    /// <summary>Reads the schema version inside <paramref name="tx"/> (0 for a new database).</summary>
    protected abstract int ReadSchemaVersion(DbTransaction tx);

    /// <summary>Records the schema version inside <paramref name="tx"/>.</summary>
    protected abstract void WriteSchemaVersion(DbTransaction tx, int version);

    /// <summary>A message for a database newer than this code.</summary>
    protected string NewerMessage(int found) =>
        $"{Description} was written by a newer DlPath (schema version {found}; this dlpath knows up to {LatestSchemaVersion}). "
        + "It was left untouched: update dlpath (dotnet tool update -g DlPath.Cli) to use it.";

    /// <summary>Brings the schema up to date in one transaction; refuses databases newer than this code.</summary>
    protected void Migrate()
    {
        using var tx = BeginWrite();
        var version = ReadSchemaVersion(tx);
        if (version > LatestSchemaVersion)
        {
            throw new StoreException(StoreErrorKind.Newer, NewerMessage(version));
        }

        for (var v = version; v < LatestSchemaVersion; v++)
        {
            Execute(tx, Migrations[v]);
        }

        if (version < LatestSchemaVersion)
        {
            WriteSchemaVersion(tx, LatestSchemaVersion);
        }

        tx.Commit();
        SchemaVersion = LatestSchemaVersion;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, TaskProgress> GetTaskStates()
    {
        var result = new Dictionary<string, TaskProgress>(StringComparer.Ordinal);
        using var cmd = Command(null, "SELECT task_id, state, updated_at FROM tasks ORDER BY task_id");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var id = r.GetString(0);
            result[id] = new TaskProgress(id, TaskStates.Parse(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2));
        }

        return result;
    }

    /// <inheritdoc />
    public void SetTaskState(string taskId, TaskState state, DateTimeOffset at)
    {
        using var tx = BeginWrite();
        UpsertTask(tx, taskId, state, Timestamps.Normalize(at));
        tx.Commit();
    }

    /// <inheritdoc />
    public HoursEntry AddHours(HoursEntry entry)
    {
        if (!(entry.Hours > 0) || entry.Hours > HoursEntry.MaxHoursPerDay || double.IsNaN(entry.Hours))
        {
            throw new StoreException(StoreErrorKind.Invalid,
                $"{entry.Hours} hours for {entry.TaskId} on {entry.Date:yyyy-MM-dd}: hours must be more than 0 and at most {HoursEntry.MaxHoursPerDay}");
        }

        var loggedAt = Timestamps.Normalize(entry.LoggedAt);
        using var tx = BeginWrite();
        using (var sum = Command(tx, "SELECT COALESCE(SUM(hours), 0) FROM hours WHERE day = @day", ("day", entry.Date)))
        {
            var already = Convert.ToDouble(sum.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            // Compare with a little slack so that 0.1-hour steps adding up to 24 are not refused by rounding.
            if (already + entry.Hours > HoursEntry.MaxHoursPerDay + 1e-9)
            {
                throw new StoreException(StoreErrorKind.Invalid,
                    $"{entry.Date:yyyy-MM-dd} already has {already:0.##} hours logged; {entry.Hours:0.##} more would make more than {HoursEntry.MaxHoursPerDay} in one day. "
                    + "Log the hours on the days they were spent (--date).");
            }
        }

        long id;
        using (var insert = Command(tx,
                   "INSERT INTO hours (task_id, day, hours, note, logged_at) VALUES (@task, @day, @hours, @note, @at) RETURNING id",
                   ("task", entry.TaskId), ("day", entry.Date), ("hours", entry.Hours), ("note", entry.Note), ("at", loggedAt)))
        {
            id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // Logging time on a task means it has started; an explicit done/skipped state is kept.
        using (var start = Command(tx,
                   "INSERT INTO tasks (task_id, state, updated_at) VALUES (@task, @state, @at) ON CONFLICT (task_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at WHERE tasks.state = @todo",
                   ("task", entry.TaskId), ("state", TaskState.InProgress.ToText()), ("at", loggedAt), ("todo", TaskState.Todo.ToText())))
        {
            start.ExecuteNonQuery();
        }

        tx.Commit();
        return entry with { Id = id, LoggedAt = loggedAt };
    }

    /// <inheritdoc />
    public IReadOnlyList<HoursEntry> ListHours(string? taskId = null, DateOnly? from = null, DateOnly? to = null)
    {
        var sql = "SELECT id, day, task_id, hours, note, logged_at FROM hours WHERE 1 = 1";
        var args = new List<(string, object?)>();
        if (taskId is not null)
        {
            sql += " AND task_id = @task";
            args.Add(("task", taskId));
        }

        if (from is not null)
        {
            sql += " AND day >= @from";
            args.Add(("from", from.Value));
        }

        if (to is not null)
        {
            sql += " AND day <= @to";
            args.Add(("to", to.Value));
        }

        using var cmd = Command(null, sql + " ORDER BY id", [.. args]);
        using var r = cmd.ExecuteReader();
        var list = new List<HoursEntry>();
        while (r.Read())
        {
            list.Add(new HoursEntry(r.GetFieldValue<DateOnly>(1), r.GetString(2), r.GetDouble(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<DateTimeOffset>(5))
            { Id = r.GetInt64(0) });
        }

        return list;
    }

    /// <inheritdoc />
    public LabResult AddLabResult(LabResult result)
    {
        var at = Timestamps.Normalize(result.At);
        using var tx = BeginWrite();
        var id = InsertLabResult(tx, result with { At = at });
        tx.Commit();
        return result with { Id = id, At = at };
    }

    /// <inheritdoc />
    public IReadOnlyList<LabResult> ListLabResults(string? labId = null)
    {
        using var cmd = labId is null
            ? Command(null, "SELECT id, lab_id, passed, score, details_json, at FROM lab_results ORDER BY id")
            : Command(null, "SELECT id, lab_id, passed, score, details_json, at FROM lab_results WHERE lab_id = @lab ORDER BY id", ("lab", labId));
        using var r = cmd.ExecuteReader();
        var list = new List<LabResult>();
        while (r.Read())
        {
            list.Add(new LabResult(r.GetString(1), r.GetBoolean(2), r.GetDouble(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)) { Id = r.GetInt64(0) });
        }

        return list;
    }

    /// <inheritdoc />
    public StoredReview AddReview(StoredReview review)
    {
        if (review.Rating is < 1 or > 4)
        {
            throw new StoreException(StoreErrorKind.Invalid, $"review of {review.CardId}: rating {review.Rating} must be 1 (again), 2 (hard), 3 (good) or 4 (easy)");
        }

        var at = Timestamps.Normalize(review.ReviewedAt);
        using var tx = BeginWrite();
        var id = InsertReview(tx, review with { ReviewedAt = at });
        tx.Commit();
        return review with { Id = id, ReviewedAt = at };
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredReview> ListReviews(string? cardId = null)
    {
        using var cmd = cardId is null
            ? Command(null, "SELECT id, card_id, rating, reviewed_at, elapsed_days, state_json FROM reviews ORDER BY id")
            : Command(null, "SELECT id, card_id, rating, reviewed_at, elapsed_days, state_json FROM reviews WHERE card_id = @card ORDER BY id", ("card", cardId));
        using var r = cmd.ExecuteReader();
        var list = new List<StoredReview>();
        while (r.Read())
        {
            list.Add(new StoredReview(r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3), r.GetDouble(4), r.GetString(5)) { Id = r.GetInt64(0) });
        }

        return list;
    }

    /// <inheritdoc />
    public string? GetSetting(string key)
    {
        using var cmd = Command(null, "SELECT value FROM settings WHERE key = @key", ("key", key));
        return cmd.ExecuteScalar() as string;
    }

    /// <inheritdoc />
    public void SetSetting(string key, string? value) => SetSettings(new Dictionary<string, string?> { [key] = value });

    /// <inheritdoc />
    public void SetSettings(IReadOnlyDictionary<string, string?> values)
    {
        using var tx = BeginWrite();
        foreach (var (key, value) in values)
        {
            WriteSetting(tx, key, value);
        }

        tx.Commit();
    }

    /// <inheritdoc />
    public ProgressSnapshot Export()
    {
        // One read transaction so that the snapshot is consistent even while another process writes.
        using var tx = BeginRead();
        var snapshot = new ProgressSnapshot
        {
            Tasks = ReadAll(tx, "SELECT task_id, state, updated_at FROM tasks ORDER BY task_id",
                r => new ProgressSnapshot.TaskRow(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2))),
            Hours = ReadAll(tx, "SELECT day, task_id, hours, note, logged_at FROM hours ORDER BY id",
                r => new ProgressSnapshot.HoursRow(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4))),
            LabResults = ReadAll(tx, "SELECT lab_id, passed, score, details_json, at FROM lab_results ORDER BY id",
                r => new ProgressSnapshot.LabResultRow(r.GetString(0), r.GetBoolean(1), r.GetDouble(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4))),
            Reviews = ReadAll(tx, "SELECT card_id, rating, reviewed_at, elapsed_days, state_json FROM reviews ORDER BY id",
                r => new ProgressSnapshot.ReviewRow(r.GetString(0), r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3), r.GetString(4))),
            Settings = new SortedDictionary<string, string>(
                ReadAll(tx, "SELECT key, value FROM settings", r => (Key: r.GetString(0), Value: r.GetString(1))).ToDictionary(p => p.Key, p => p.Value),
                StringComparer.Ordinal),
        };
        tx.Commit();
        return snapshot;
    }

    /// <inheritdoc />
    public void Import(ProgressSnapshot snapshot, bool replace)
    {
        Validate(snapshot);
        using var tx = BeginWrite();
        if (!IsEmpty(tx))
        {
            if (!replace)
            {
                throw new StoreException(StoreErrorKind.Conflict,
                    $"{Description} already holds progress; importing would mix two histories. Use --replace to replace it (export it first to keep a copy).");
            }

            foreach (var table in new[] { "tasks", "hours", "lab_results", "reviews", "settings" })
            {
                Execute(tx, $"DELETE FROM {table}");
            }
        }

        foreach (var t in snapshot.Tasks)
        {
            UpsertTask(tx, t.Id, TaskStates.Parse(t.State), Timestamps.Normalize(t.UpdatedAt));
        }

        foreach (var h in snapshot.Hours)
        {
            using var cmd = Command(tx, "INSERT INTO hours (task_id, day, hours, note, logged_at) VALUES (@task, @day, @hours, @note, @at)",
                ("task", h.Task), ("day", h.Date), ("hours", h.Hours), ("note", h.Note), ("at", Timestamps.Normalize(h.LoggedAt)));
            cmd.ExecuteNonQuery();
        }

        foreach (var l in snapshot.LabResults)
        {
            InsertLabResult(tx, new LabResult(l.LabId, l.Passed, l.Score, l.DetailsJson, Timestamps.Normalize(l.At)));
        }

        foreach (var v in snapshot.Reviews)
        {
            InsertReview(tx, new StoredReview(v.CardId, v.Rating, Timestamps.Normalize(v.ReviewedAt), v.ElapsedDays, v.StateJson));
        }

        foreach (var (key, value) in snapshot.Settings)
        {
            WriteSetting(tx, key, value);
        }

        tx.Commit();
    }

    /// <inheritdoc />
    public bool IsEmpty()
    {
        using var tx = BeginRead();
        var empty = IsEmpty(tx);
        tx.Commit();
        return empty;
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _connection.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A command on the store's connection with named parameters (<c>@name</c>).</summary>
    protected DbCommand Command(DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <summary>Runs SQL that returns no rows.</summary>
    protected void Execute(DbTransaction? tx, string sql)
    {
        using var cmd = Command(tx, sql);
        cmd.ExecuteNonQuery();
    }

    private static void Validate(ProgressSnapshot s)
    {
        var problems = new List<string>();
        for (var i = 0; i < s.Tasks.Count; i++)
        {
            try
            {
                TaskStates.Parse(s.Tasks[i].State);
            }
            catch (FormatException e)
            {
                problems.Add($"tasks[{i}] ({s.Tasks[i].Id}): {e.Message}");
            }
        }

        for (var i = 0; i < s.Hours.Count; i++)
        {
            var h = s.Hours[i];
            if (!(h.Hours > 0) || h.Hours > HoursEntry.MaxHoursPerDay)
            {
                problems.Add($"hours[{i}] ({h.Task} on {h.Date:yyyy-MM-dd}): {h.Hours} hours is outside (0, {HoursEntry.MaxHoursPerDay}]");
            }
        }

        for (var i = 0; i < s.Reviews.Count; i++)
        {
            if (s.Reviews[i].Rating is < 1 or > 4)
            {
                problems.Add($"reviews[{i}] ({s.Reviews[i].CardId}): rating {s.Reviews[i].Rating} is not 1..4");
            }
        }

        if (problems.Count > 0)
        {
            throw new StoreException(StoreErrorKind.Invalid, "the import file has invalid rows; nothing was imported:" + Environment.NewLine + "  "
                + string.Join(Environment.NewLine + "  ", problems.Take(20)));
        }
    }

    private bool IsEmpty(DbTransaction tx)
    {
        using var cmd = Command(tx,
            "SELECT (SELECT COUNT(*) FROM tasks) + (SELECT COUNT(*) FROM hours) + (SELECT COUNT(*) FROM lab_results) + (SELECT COUNT(*) FROM reviews) + (SELECT COUNT(*) FROM settings)");
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private void UpsertTask(DbTransaction tx, string taskId, TaskState state, DateTimeOffset at)
    {
        using var cmd = Command(tx,
            "INSERT INTO tasks (task_id, state, updated_at) VALUES (@task, @state, @at) ON CONFLICT (task_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            ("task", taskId), ("state", state.ToText()), ("at", at));
        cmd.ExecuteNonQuery();
    }

    private long InsertLabResult(DbTransaction tx, LabResult r)
    {
        using var cmd = Command(tx, "INSERT INTO lab_results (lab_id, passed, score, details_json, at) VALUES (@lab, @passed, @score, @details, @at) RETURNING id",
            ("lab", r.LabId), ("passed", r.Passed), ("score", r.Score), ("details", r.DetailsJson), ("at", r.At));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private long InsertReview(DbTransaction tx, StoredReview v)
    {
        using var cmd = Command(tx, "INSERT INTO reviews (card_id, rating, reviewed_at, elapsed_days, state_json) VALUES (@card, @rating, @at, @elapsed, @state) RETURNING id",
            ("card", v.CardId), ("rating", v.Rating), ("at", v.ReviewedAt), ("elapsed", v.ElapsedDays), ("state", v.StateJson));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void WriteSetting(DbTransaction tx, string key, string? value)
    {
        using var cmd = value is null
            ? Command(tx, "DELETE FROM settings WHERE key = @key", ("key", key))
            : Command(tx, "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("key", key), ("value", value));
        cmd.ExecuteNonQuery();
    }

    private List<T> ReadAll<T>(DbTransaction tx, string sql, Func<DbDataReader, T> map)
    {
        using var cmd = Command(tx, sql);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(map(r));
        }

        return list;
    }
}
