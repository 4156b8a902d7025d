namespace DlPath.Data.Datasets;

/// <summary>A dataset DlPath knows how to find and download.</summary>
/// <param name="Name">The name used by <c>dlpath data get NAME</c>, and the directory name under <c>DLPATH_DATA</c>.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Origin">Where the files come from and under which terms, for the learner to check.</param>
/// <param name="Files">The files and how to verify them.</param>
/// <param name="SystemDirectories">Well-known directories a system package installs the dataset to (searched
/// after <c>DLPATH_DATA</c>).</param>
public sealed record DatasetInfo(string Name, string Description, string Origin, IReadOnlyList<DatasetFile> Files, IReadOnlyList<string> SystemDirectories)
{
    /// <summary>The command that downloads this dataset.</summary>
    public string FetchCommand => $"dlpath data get {Name}";

    /// <summary>
    /// Whether <paramref name="directory"/> holds this dataset: every required file is there (a file
    /// <c>x.gz</c> may also be present unzipped as <c>x</c>, as some packages ship it).
    /// </summary>
    public bool IsPresentIn(string directory) =>
        Directory.Exists(directory) && Files.Where(f => f.Required).All(f => Exists(f.PathUnder(directory)));

    private static bool Exists(string path) =>
        File.Exists(path) || path.EndsWith(".gz", StringComparison.Ordinal) && File.Exists(path[..^3]);
}
