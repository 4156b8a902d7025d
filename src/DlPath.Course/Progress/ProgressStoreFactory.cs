namespace DlPath.Course.Progress;

/// <summary>Opens the learner's store: PostgreSQL when <c>DLPATH_DB</c> is set, otherwise SQLite in the home.</summary>
public static class ProgressStoreFactory
{
    /// <summary>Opens the store for a home directory (see <see cref="DataHome"/>).</summary>
    /// <param name="home">The resolved home directory.</param>
    /// <param name="environment">Reads an environment variable (defaults to the process environment).</param>
    public static IProgressStore Open(string home, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var db = environment(DataHome.DatabaseVariable);
        return string.IsNullOrWhiteSpace(db)
            ? SqliteProgressStore.Open(Path.Combine(home, DataHome.DatabaseFileName))
            : PostgresProgressStore.Open(db);
    }
}
