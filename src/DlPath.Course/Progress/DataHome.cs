namespace DlPath.Course.Progress;

/// <summary>
/// The learner's DlPath home: <c>--home</c>, else <c>DLPATH_HOME</c>, else the platform's per-user data
/// directory (<c>$XDG_DATA_HOME/dlpath</c> or <c>~/.local/share/dlpath</c> on Linux,
/// <c>%LOCALAPPDATA%\dlpath</c> on Windows, <c>~/Library/Application Support/dlpath</c> on macOS).
/// </summary>
public static class DataHome
{
    /// <summary>Environment variable that overrides the home directory.</summary>
    public const string HomeVariable = "DLPATH_HOME";

    /// <summary>Environment variable holding a PostgreSQL connection string; when set, progress lives there.</summary>
    public const string DatabaseVariable = "DLPATH_DB";

    /// <summary>Name of the SQLite file inside the home.</summary>
    public const string DatabaseFileName = "progress.db";

    /// <summary>Resolves the home directory (not created here).</summary>
    /// <param name="explicitHome">The <c>--home</c> value, if given.</param>
    /// <param name="environment">Reads an environment variable (defaults to the process environment).</param>
    public static string Resolve(string? explicitHome, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitHome))
        {
            return Path.GetFullPath(explicitHome);
        }

        var fromEnv = environment(HomeVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        // On Linux this honours XDG_DATA_HOME and falls back to ~/.local/share.
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            throw new StoreException(StoreErrorKind.Unavailable,
                $"cannot find a per-user data directory (HOME is not set). Set {HomeVariable} or pass --home DIR.");
        }

        return Path.Combine(data, "dlpath");
    }
}
