namespace DlPath.Course.Labs;

/// <summary>
/// The labs shipped with DlPath: every <c>labs/&lt;id&gt;/lab.json</c> under a labs root, in their suggested order.
/// </summary>
public sealed class LabCatalog
{
    /// <summary>Environment variable naming the labs root explicitly.</summary>
    public const string RootVariable = "DLPATH_LABS";

    private readonly Dictionary<string, LabDefinition> _byId;

    /// <summary>Loads every lab under <paramref name="root"/>.</summary>
    public LabCatalog(string root)
    {
        Root = Path.GetFullPath(root);
        Labs = System.IO.Directory.EnumerateDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "lab.json")))
            .Select(LabLoader.Load)
            .OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal)
            .ToList();
        _byId = Labs.ToDictionary(l => l.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The labs root folder.</summary>
    public string Root { get; }

    /// <summary>Every lab, in order.</summary>
    public IReadOnlyList<LabDefinition> Labs { get; }

    /// <summary>The lab <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such lab; the message lists the ids.</exception>
    public LabDefinition Get(string id) => _byId.TryGetValue(id, out var lab)
        ? lab
        : throw new KeyNotFoundException($"no lab '{id}'. Labs: {string.Join(", ", Labs.Select(l => l.Id))}");

    /// <summary>The lab <paramref name="id"/>, or null.</summary>
    public LabDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The labs that complete <paramref name="taskId"/>.</summary>
    public IReadOnlyList<LabDefinition> ForTask(string taskId) =>
        Labs.Where(l => string.Equals(l.Task, taskId, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Finds the labs root: <see cref="RootVariable"/> if set, else a <c>labs</c> folder next to the program or in
    /// a folder above it or above <paramref name="startDirectory"/> (the repository checkout).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No labs folder was found; the message says how to point to one.</exception>
    public static string LocateRoot(string? startDirectory = null)
    {
        var env = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return System.IO.Directory.Exists(env)
                ? env
                : throw new DirectoryNotFoundException($"{RootVariable}={env}: no such folder");
        }

        foreach (var start in new[] { startDirectory ?? Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "labs");
                if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "lab.json", SearchOption.AllDirectories).Any())
                    return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no labs folder found above {startDirectory ?? Environment.CurrentDirectory} or the program; set {RootVariable}");
    }
}
