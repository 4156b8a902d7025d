namespace DlPath.Data.Datasets;

/// <summary>
/// Finds the project's shared, read-only data folder (<c>shared/data</c>, next to the repository in CI),
/// which holds the course's original files for tests and CI. Not for learners: their data lives in
/// <c>DLPATH_DATA</c> or comes from <c>dlpath data get</c>.
/// </summary>
/// <remarks>
/// Search order: the <c>DLPATH_SHARED</c> environment variable (the <c>shared</c> folder itself), then every
/// directory above the current directory and above <see cref="AppContext.BaseDirectory"/>, looking for
/// <c>shared/data/SOURCES.md</c>.
/// </remarks>
public static class SharedDataFolder
{
    /// <summary>The environment variable that names the shared folder explicitly.</summary>
    public const string EnvironmentVariable = "DLPATH_SHARED";

    /// <summary>The <c>shared/data</c> directory, or null when there is none.</summary>
    public static string? TryFind()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            var data = Path.Combine(fromEnv, "data");
            if (File.Exists(Path.Combine(data, "SOURCES.md")))
            {
                return Path.GetFullPath(data);
            }
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var data = Path.Combine(dir.FullName, "shared", "data");
                if (File.Exists(Path.Combine(data, "SOURCES.md")))
                {
                    return data;
                }
            }
        }
        return null;
    }
}
