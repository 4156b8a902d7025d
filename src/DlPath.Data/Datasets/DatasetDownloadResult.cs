namespace DlPath.Data.Datasets;

/// <summary>What <see cref="Downloader.DownloadAsync(DatasetInfo, string, IProgress{DownloadProgress}?, CancellationToken)"/> did.</summary>
/// <param name="Directory">The dataset's directory.</param>
/// <param name="Downloaded">Files fetched and verified now.</param>
/// <param name="AlreadyPresent">Files that were there and verified, so were not fetched again.</param>
/// <param name="OptionalFailures">Optional files that could not be fetched, with the reason; required files
/// that fail raise an exception instead.</param>
public sealed record DatasetDownloadResult(
    string Directory,
    IReadOnlyList<string> Downloaded,
    IReadOnlyList<string> AlreadyPresent,
    IReadOnlyList<(string RelativePath, string Reason)> OptionalFailures);
