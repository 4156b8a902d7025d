namespace DlPath.Data.Datasets;

/// <summary>
/// Finds a dataset's directory by name. Search order:
/// <list type="number">
/// <item>the data root: <c>$DLPATH_DATA/NAME</c>, or, when <c>DLPATH_DATA</c> is not set, the per-user
/// directory <c>dlpath data get</c> downloads to (<c>~/.local/share/dlpath/data/NAME</c> on Linux);</item>
/// <item>well-known system directories (Debian's <c>/usr/share/datasets/fashion-mnist</c>);</item>
/// <item>the project's shared test data (<c>shared/data/NAME</c>, found by <see cref="SharedDataFolder"/>),
/// which exists only in a development checkout and CI.</item>
/// </list>
/// A directory counts only when it holds every required file of the dataset (see <see cref="DatasetInfo.IsPresentIn"/>).
/// </summary>
public sealed class DataLocator
{
    /// <summary>The environment variable naming the learner's data root.</summary>
    public const string DataEnvironmentVariable = "DLPATH_DATA";

    private readonly bool _searchSystemDirectories;
    private readonly string? _sharedDataDirectory;

    /// <summary>Creates a locator with explicit places to look (tests use this; programs use <see cref="Default"/>).</summary>
    /// <param name="dataRoot">The data root (datasets live in <c>dataRoot/NAME</c>); null for none.</param>
    /// <param name="searchSystemDirectories">Whether to look in the catalogue's system directories.</param>
    /// <param name="sharedDataDirectory">The shared <c>data</c> folder to fall back on, or null.</param>
    public DataLocator(string? dataRoot, bool searchSystemDirectories = true, string? sharedDataDirectory = null)
    {
        DataRoot = string.IsNullOrWhiteSpace(dataRoot) ? null : Path.GetFullPath(dataRoot);
        _searchSystemDirectories = searchSystemDirectories;
        _sharedDataDirectory = sharedDataDirectory;
    }

    /// <summary>The locator for this process: <c>DLPATH_DATA</c> (or the per-user default), system directories,
    /// then the shared test data if this runs inside a checkout.</summary>
    public static DataLocator Default => new(DefaultDataRoot(), true, SharedDataFolder.TryFind());

    /// <summary>Where datasets are downloaded to and looked for first; null when there is none.</summary>
    public string? DataRoot { get; }

    /// <summary><c>DLPATH_DATA</c> if set, otherwise the per-user data directory (null if the OS gives none).</summary>
    public static string? DefaultDataRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(DataEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "dlpath", "data");
    }

    /// <summary>The directories that would be searched for a dataset, in order (existing or not).</summary>
    public IReadOnlyList<string> Candidates(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var result = new List<string>();
        if (DataRoot is not null)
        {
            result.Add(Path.Combine(DataRoot, name));
        }
        var info = DatasetCatalog.TryGet(name);
        if (_searchSystemDirectories && info is not null)
        {
            result.AddRange(info.SystemDirectories);
        }
        if (_sharedDataDirectory is not null)
        {
            result.Add(Path.Combine(_sharedDataDirectory, name));
        }
        return result;
    }

    /// <summary>The directory of a dataset, or null when it is not on this machine.</summary>
    public string? TryFind(string name)
    {
        var info = DatasetCatalog.TryGet(name);
        foreach (var dir in Candidates(name))
        {
            // A name outside the catalogue has no file list: any non-empty directory of that name will do.
            bool present = info is not null
                ? info.IsPresentIn(dir)
                : Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any();
            if (present)
            {
                return dir;
            }
        }
        return null;
    }

    /// <summary>The directory of a dataset.</summary>
    /// <exception cref="DatasetNotFoundException">It is not on this machine; the message names <c>dlpath data get NAME</c>.</exception>
    public string Find(string name) => TryFind(name) ?? throw new DatasetNotFoundException(name, Candidates(name));

    /// <summary>
    /// A file of a dataset, e.g. <c>FindFile("ml-course", "ex5/ex5data1.mat")</c>: the first candidate directory
    /// that has it (optional files such as <c>ex3/ex3data1.mat</c> may be in one directory and not another).
    /// </summary>
    /// <exception cref="DatasetNotFoundException">No candidate has the file; the message names <c>dlpath data get NAME</c>.</exception>
    public string FindFile(string name, string relativePath)
    {
        var candidates = Candidates(name);
        foreach (var dir in candidates)
        {
            var path = Path.Combine(dir, relativePath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new DatasetNotFoundException(name, candidates, relativePath);
    }
}
