namespace DlPath.Data.Datasets;

/// <summary>How far a download has got, reported while the bytes arrive.</summary>
/// <param name="RelativePath">The file being downloaded (its path inside the dataset).</param>
/// <param name="BytesReceived">Bytes received so far for this file.</param>
/// <param name="TotalBytes">The file's size when the server or the catalogue says it, else null.</param>
public sealed record DownloadProgress(string RelativePath, long BytesReceived, long? TotalBytes)
{
    /// <summary>Fraction done in [0, 1], or null when the size is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesReceived / TotalBytes.Value) : null;
}
