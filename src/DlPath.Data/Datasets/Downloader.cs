using System.Security.Cryptography;
using System.Text;

namespace DlPath.Data.Datasets;

/// <summary>
/// Downloads catalogue files over HTTP(S) and verifies them. Each file is streamed to a temporary file in
/// the destination's directory while its SHA-256 is computed, and only a verified file is renamed over the
/// destination (an atomic rename on one file system), so an interrupted or corrupted download never leaves
/// a half-written or wrong file where a loader would find it.
/// </summary>
public sealed class Downloader
{
    private const int BufferSize = 81_920;
    private readonly HttpClient _http;

    /// <summary>Creates a downloader on an <see cref="HttpClient"/> the caller owns (and configures: timeouts, proxy).</summary>
    public Downloader(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>
    /// Downloads every file of a dataset into <c>dataRoot/NAME</c>, skipping files already there that verify.
    /// A required file that cannot be fetched or verified raises an exception; an optional one is listed in
    /// <see cref="DatasetDownloadResult.OptionalFailures"/>.
    /// </summary>
    public async Task<DatasetDownloadResult> DownloadAsync(DatasetInfo dataset, string dataRoot, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var directory = Path.Combine(dataRoot, dataset.Name);
        Directory.CreateDirectory(directory);
        var downloaded = new List<string>();
        var present = new List<string>();
        var failures = new List<(string, string)>();
        foreach (var file in dataset.Files)
        {
            var destination = file.PathUnder(directory);
            if (File.Exists(destination) && Verify(file, destination, out _))
            {
                present.Add(file.RelativePath);
                continue;
            }
            try
            {
                await DownloadFileAsync(file, destination, progress, cancellationToken).ConfigureAwait(false);
                downloaded.Add(file.RelativePath);
            }
            catch (IOException ex) when (!file.Required)
            {
                failures.Add((file.RelativePath, ex.Message));
            }
        }
        return new DatasetDownloadResult(directory, downloaded, present, failures);
    }

    /// <summary>Downloads one file to <paramref name="destination"/> and verifies it before it replaces anything.</summary>
    /// <exception cref="DownloadVerificationException">The bytes do not have the expected checksum (nothing is left behind).</exception>
    /// <exception cref="IOException">The server answered with an error or could not be reached.</exception>
    public async Task DownloadFileAsync(DatasetFile file, string destination, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        try
        {
            string sha256;
            using (var response = await Get(file.Url, cancellationToken).ConfigureAwait(false))
            {
                long? total = response.Content.Headers.ContentLength ?? file.Size;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                long received = 0;
                progress?.Report(new DownloadProgress(file.RelativePath, 0, total));
                int n;
                while ((n = await ReadBody(body, buffer, file.Url, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    received += n;
                    progress?.Report(new DownloadProgress(file.RelativePath, received, total));
                }
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (file.Sha256 is not null)
            {
                if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new DownloadVerificationException(file.Url, destination, "SHA-256", file.Sha256, sha256);
                }
            }
            else if (file.GitBlobSha1 is not null)
            {
                var blob = GitBlobSha1Of(temp);
                if (!string.Equals(blob, file.GitBlobSha1, StringComparison.OrdinalIgnoreCase))
                {
                    throw new DownloadVerificationException(file.Url, destination, "git blob SHA-1", file.GitBlobSha1, blob);
                }
            }
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            // Whatever went wrong (verification, network, cancellation), no partial file stays behind.
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Whether a file on disk has the catalogue's checksum (SHA-256, or the git blob id when that is all there is).</summary>
    /// <param name="file">The catalogue entry.</param>
    /// <param name="path">The file to check.</param>
    /// <param name="actual">The file's checksum in the same algorithm.</param>
    public static bool Verify(DatasetFile file, string path, out string actual)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Sha256 is not null)
        {
            actual = Sha256Of(path);
            return string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase);
        }
        if (file.GitBlobSha1 is not null)
        {
            actual = GitBlobSha1Of(path);
            return string.Equals(actual, file.GitBlobSha1, StringComparison.OrdinalIgnoreCase);
        }
        actual = "";
        return true; // nothing to check against
    }

    /// <summary>The SHA-256 of a file, lowercase hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The git blob id of a file (what <c>git hash-object FILE</c> prints): SHA-1 of "blob SIZE\0" + content.</summary>
    public static string GitBlobSha1Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {stream.Length}\0"));
        var buffer = new byte[BufferSize];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<HttpResponseMessage> Get(string url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new IOException($"Download of {url} failed: {ex.Message} (is the network reachable?)", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; to the learner it is a failed download.
            throw new IOException($"Download of {url} timed out after {_http.Timeout.TotalSeconds:0} s", ex);
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            response.Dispose();
            throw new IOException($"Download of {url} failed: the server answered {status}");
        }
        return response;
    }

    private static async Task<int> ReadBody(Stream body, byte[] buffer, string url, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new IOException($"Download of {url} was interrupted: {ex.Message}", ex);
        }
    }
}
