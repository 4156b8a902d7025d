namespace DlPath.Bench;

/// <summary>Finds the project's shared read-only folder (<c>shared/</c>, a sibling of the repository clone).</summary>
internal static class SharedFolder
{
    /// <summary>
    /// The shared folder: <c>DLPATH_SHARED</c> if set, else the first <c>shared/</c> holding
    /// <c>data/SOURCES.md</c> found walking up from the current directory or from the program's directory.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder exists.</exception>
    public static string Find()
    {
        string? env = Environment.GetEnvironmentVariable("DLPATH_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env)
                ? env
                : throw new DirectoryNotFoundException($"DLPATH_SHARED is set to '{env}', which does not exist.");
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared");
                if (File.Exists(Path.Combine(candidate, "data", "SOURCES.md")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            "The shared folder (shared/data/SOURCES.md) was not found above the current directory; set DLPATH_SHARED to it.");
    }
}
