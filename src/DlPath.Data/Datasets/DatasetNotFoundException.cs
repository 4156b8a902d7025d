namespace DlPath.Data.Datasets;

/// <summary>
/// A dataset is not on this machine. The message lists where DlPath looked and names the command that
/// fetches it (<c>dlpath data get NAME</c>), so a front end can print it as it is, without a stack trace.
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception for a dataset (or one file of it) and the directories that were searched.</summary>
    /// <param name="datasetName">The dataset's catalogue name.</param>
    /// <param name="searched">The directories searched, in order.</param>
    /// <param name="relativePath">The file that was looked for, or null when the whole dataset is missing.</param>
    public DatasetNotFoundException(string datasetName, IReadOnlyList<string> searched, string? relativePath = null)
        : base(Compose(datasetName, searched, relativePath))
    {
        DatasetName = datasetName;
        Searched = searched;
    }

    /// <summary>The dataset that was looked for.</summary>
    public string DatasetName { get; }

    /// <summary>The directories that were searched, in order.</summary>
    public IReadOnlyList<string> Searched { get; }

    /// <summary>The command that downloads the dataset.</summary>
    public string FetchCommand => $"dlpath data get {DatasetName}";

    private static string Compose(string name, IReadOnlyList<string> searched, string? relativePath)
    {
        var where = searched.Count == 0 ? "nowhere (set DLPATH_DATA)" : string.Join(", ", searched);
        var what = relativePath is null ? $"Dataset '{name}'" : $"File '{relativePath}' of dataset '{name}'";
        return $"{what} was not found (looked in: {where}). Run 'dlpath data get {name}' to download it, " +
               $"or set {DataLocator.DataEnvironmentVariable} to a directory that holds '{name}/'.";
    }
}
