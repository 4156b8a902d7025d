namespace DlPath.Course.Progress;

/// <summary>
/// Where the learner's progress lives: task states, logged hours, lab results, review history and settings.
/// Every write is one transaction; implementations refuse corrupt, foreign or newer databases instead of
/// touching them. SQLite (<see cref="SqliteProgressStore"/>) is the default, PostgreSQL
/// (<see cref="PostgresProgressStore"/>) the option; <see cref="ProgressStoreFactory"/> picks one.
/// </summary>
public interface IProgressStore : IDisposable
{
    /// <summary>Where the data lives, for messages ("SQLite database ~/.local/share/dlpath/progress.db").</summary>
    string Description { get; }

    /// <summary>The schema version of the open database.</summary>
    int SchemaVersion { get; }

    /// <summary>Recorded task states by task id; tasks without a row are <see cref="TaskState.Todo"/>.</summary>
    IReadOnlyDictionary<string, TaskProgress> GetTaskStates();

    /// <summary>Sets a task's state.</summary>
    void SetTaskState(string taskId, TaskState state, DateTimeOffset at);

    /// <summary>
    /// Stores an hours entry and marks a todo task in progress, in one transaction. Throws
    /// <see cref="StoreException"/> (Invalid) when the hours are out of (0, 24] or the day would exceed 24 hours.
    /// </summary>
    /// <returns>The entry with its id.</returns>
    HoursEntry AddHours(HoursEntry entry);

    /// <summary>Hours entries in logging order, optionally for one task and/or a date range (inclusive).</summary>
    IReadOnlyList<HoursEntry> ListHours(string? taskId = null, DateOnly? from = null, DateOnly? to = null);

    /// <summary>Stores a lab result.</summary>
    LabResult AddLabResult(LabResult result);

    /// <summary>Lab results in recording order, optionally for one lab.</summary>
    IReadOnlyList<LabResult> ListLabResults(string? labId = null);

    /// <summary>Stores a review.</summary>
    StoredReview AddReview(StoredReview review);

    /// <summary>Reviews in recording order, optionally for one card.</summary>
    IReadOnlyList<StoredReview> ListReviews(string? cardId = null);

    /// <summary>A setting, or null.</summary>
    string? GetSetting(string key);

    /// <summary>Sets (or, with null, removes) a setting.</summary>
    void SetSetting(string key, string? value);

    /// <summary>Sets several settings in one transaction (null removes).</summary>
    void SetSettings(IReadOnlyDictionary<string, string?> values);

    /// <summary>Everything in the store, in a stable order (see <see cref="ProgressSnapshot"/>).</summary>
    ProgressSnapshot Export();

    /// <summary>
    /// Loads a snapshot in one transaction. Into an empty store only, unless <paramref name="replace"/> is
    /// true, in which case existing progress is replaced (still atomically: a failure leaves it untouched).
    /// </summary>
    void Import(ProgressSnapshot snapshot, bool replace);

    /// <summary>True when the store holds no progress at all.</summary>
    bool IsEmpty();
}
