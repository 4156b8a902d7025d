namespace DlPath.Data.Datasets;

/// <summary>
/// A downloaded file did not have the checksum the catalogue expects. The file was deleted (it never
/// replaced an existing one); the message says so, with both checksums and the URL.
/// </summary>
public sealed class DownloadVerificationException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="url">Where the file came from.</param>
    /// <param name="destination">Where it would have been saved.</param>
    /// <param name="algorithm">"SHA-256" or "git blob SHA-1".</param>
    /// <param name="expected">The catalogue's checksum.</param>
    /// <param name="actual">The downloaded bytes' checksum.</param>
    public DownloadVerificationException(string url, string destination, string algorithm, string expected, string actual)
        : base($"Download of {url} failed verification: its {algorithm} is {actual}, expected {expected}. " +
               $"The downloaded file was deleted and '{destination}' was left as it was. " +
               "The transfer may have been corrupted (try again) or the origin has changed (report it).")
    {
        Url = url;
        Destination = destination;
        Algorithm = algorithm;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Where the file came from.</summary>
    public string Url { get; }

    /// <summary>Where it would have been saved.</summary>
    public string Destination { get; }

    /// <summary>"SHA-256" or "git blob SHA-1".</summary>
    public string Algorithm { get; }

    /// <summary>The catalogue's checksum.</summary>
    public string Expected { get; }

    /// <summary>The downloaded bytes' checksum.</summary>
    public string Actual { get; }
}
