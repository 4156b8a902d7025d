namespace DlPath.Data.Datasets;

/// <summary>
/// One downloadable file of a dataset: where it goes inside the dataset's directory, where it comes from,
/// and how to check it. A file is verified by <see cref="Sha256"/> when that is known, otherwise by its git
/// blob id (<see cref="GitBlobSha1"/>, what <c>git hash-object FILE</c> prints), which is what public
/// records of some course files give.
/// </summary>
/// <param name="RelativePath">Path inside the dataset directory, with '/' separators (e.g. <c>ex5/ex5data1.mat</c>).</param>
/// <param name="Url">Public HTTP(S) origin of the file.</param>
/// <param name="Size">Expected size in bytes, or null when unknown.</param>
/// <param name="Sha256">Expected SHA-256 (lowercase hex), or null when only <see cref="GitBlobSha1"/> is known.</param>
/// <param name="GitBlobSha1">Expected git blob id (lowercase hex), used when <see cref="Sha256"/> is null.</param>
/// <param name="Required">Whether the dataset counts as present only with this file; optional files are extras
/// that commands use when they are there.</param>
public sealed record DatasetFile(string RelativePath, string Url, long? Size, string? Sha256, string? GitBlobSha1 = null, bool Required = true)
{
    /// <summary>The file's location under a dataset directory, with this platform's separators.</summary>
    public string PathUnder(string datasetDirectory) =>
        Path.Combine(datasetDirectory, RelativePath.Replace('/', Path.DirectorySeparatorChar));
}
