using System.Security.Cryptography;
using System.Text;
using DlPath.Data.Datasets;

namespace DlPath.Data.Tests.Datasets;

public sealed class DownloaderTests : IDisposable
{
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TestPaths.TempDir _dir = TestPaths.NewTempDir();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _dir.Dispose();
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static byte[] Payload(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 31 % 256)).ToArray();

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value) => Reports.Add(value);
    }

    private string[] LeftoverPartFiles() => Directory.GetFiles(_dir.Path, "*.part", SearchOption.AllDirectories);

    [Fact]
    public async Task Downloads_verifies_and_reports_progress()
    {
        var data = Payload(300_000);
        _server.Serve("big.bin", data);
        var file = new DatasetFile("sub/big.bin", _server.BaseUrl + "big.bin", data.Length, Sha(data));
        var dest = file.PathUnder(_dir.Path);
        var progress = new Recorder();

        await new Downloader(_http).DownloadFileAsync(file, dest, progress);

        Assert.Equal(data, File.ReadAllBytes(dest));
        Assert.Empty(LeftoverPartFiles());
        Assert.True(progress.Reports.Count >= 3, $"only {progress.Reports.Count} progress reports");
        Assert.Equal(0, progress.Reports[0].BytesReceived);
        Assert.Equal(data.Length, progress.Reports[^1].BytesReceived);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.All(progress.Reports, r => Assert.Equal(data.Length, r.TotalBytes));
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(p => p.First.BytesReceived <= p.Second.BytesReceived));
    }

    [Fact]
    public async Task Checksum_mismatch_deletes_the_download_and_keeps_the_old_file()
    {
        _server.Serve("f.csv", "tampered"u8.ToArray());
        var expected = Sha("original"u8.ToArray());
        var file = new DatasetFile("f.csv", _server.BaseUrl + "f.csv", null, expected);
        var dest = file.PathUnder(_dir.Path);
        File.WriteAllText(dest, "previous contents");

        var ex = await Assert.ThrowsAsync<DownloadVerificationException>(() => new Downloader(_http).DownloadFileAsync(file, dest));

        Assert.Equal(expected, ex.Expected);
        Assert.Equal(Sha("tampered"u8.ToArray()), ex.Actual);
        Assert.Contains("was deleted", ex.Message);
        Assert.Contains(file.Url, ex.Message);
        Assert.Equal("previous contents", File.ReadAllText(dest));
        Assert.Empty(LeftoverPartFiles());
    }

    [Fact]
    public async Task Mismatch_without_a_previous_file_leaves_nothing()
    {
        _server.Serve("g.bin", Payload(10));
        var file = new DatasetFile("g.bin", _server.BaseUrl + "g.bin", null, new string('0', 64));
        var dest = file.PathUnder(_dir.Path);
        await Assert.ThrowsAsync<DownloadVerificationException>(() => new Downloader(_http).DownloadFileAsync(file, dest));
        Assert.False(File.Exists(dest));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task Http_error_names_the_url_and_status()
    {
        var file = new DatasetFile("missing.bin", _server.BaseUrl + "missing.bin", null, new string('0', 64));
        var ex = await Assert.ThrowsAsync<IOException>(() => new Downloader(_http).DownloadFileAsync(file, file.PathUnder(_dir.Path)));
        Assert.Contains("missing.bin", ex.Message);
        Assert.Contains("HTTP 404", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task Unreachable_server_is_an_io_error_naming_the_url()
    {
        var url = _server.BaseUrl + "x.bin";
        _server.Dispose(); // nothing listens on the port any more
        var file = new DatasetFile("x.bin", url, null, new string('0', 64));
        var ex = await Assert.ThrowsAsync<IOException>(() => new Downloader(_http).DownloadFileAsync(file, file.PathUnder(_dir.Path)));
        Assert.Contains(url, ex.Message);
    }

    [Fact]
    public async Task Client_timeout_is_an_io_error_and_leaves_nothing()
    {
        _server.Serve("slow.bin", Payload(10));
        _server.Delays["slow.bin"] = TimeSpan.FromSeconds(3);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var file = new DatasetFile("slow.bin", _server.BaseUrl + "slow.bin", null, new string('0', 64));
        var ex = await Assert.ThrowsAsync<IOException>(() => new Downloader(impatient).DownloadFileAsync(file, file.PathUnder(_dir.Path)));
        Assert.Contains("timed out", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task Git_blob_id_verifies_when_there_is_no_sha256()
    {
        // `printf 'hello\n' | git hash-object --stdin` prints ce013625030ba8dba906f756967f9e9ca394464a.
        _server.Serve("hello.txt", Encoding.ASCII.GetBytes("hello\n"));
        var good = new DatasetFile("hello.txt", _server.BaseUrl + "hello.txt", null, null, "ce013625030ba8dba906f756967f9e9ca394464a");
        await new Downloader(_http).DownloadFileAsync(good, good.PathUnder(_dir.Path));
        Assert.Equal("hello\n", File.ReadAllText(good.PathUnder(_dir.Path)));

        var bad = good with { RelativePath = "other.txt", GitBlobSha1 = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" }; // the empty blob
        var ex = await Assert.ThrowsAsync<DownloadVerificationException>(() => new Downloader(_http).DownloadFileAsync(bad, bad.PathUnder(_dir.Path)));
        Assert.Equal("git blob SHA-1", ex.Algorithm);
        Assert.False(File.Exists(bad.PathUnder(_dir.Path)));
    }

    [Fact]
    public async Task Dataset_download_skips_verified_files_and_reports_optional_failures()
    {
        var a = Payload(1000);
        var b = Encoding.UTF8.GetBytes("x,y\n1,2\n");
        _server.Serve("a.bin", a);
        _server.Serve("b.csv", b);
        var dataset = new DatasetInfo("toy", "a toy dataset", "tests", [
            new DatasetFile("a.bin", _server.BaseUrl + "a.bin", a.Length, Sha(a)),
            new DatasetFile("nested/b.csv", _server.BaseUrl + "b.csv", b.Length, Sha(b)),
            new DatasetFile("extra.mat", _server.BaseUrl + "extra.mat", null, null, "371bd0c099fe5f471d01cab15aec6cb2c458f567", Required: false),
        ], []);
        var downloader = new Downloader(_http);

        var first = await downloader.DownloadAsync(dataset, _dir.Path);
        Assert.Equal(Path.Combine(_dir.Path, "toy"), first.Directory);
        Assert.Equal(["a.bin", "nested/b.csv"], first.Downloaded);
        Assert.Empty(first.AlreadyPresent);
        var failure = Assert.Single(first.OptionalFailures);
        Assert.Equal("extra.mat", failure.RelativePath);
        Assert.Contains("404", failure.Reason);
        Assert.True(dataset.IsPresentIn(first.Directory));

        var second = await downloader.DownloadAsync(dataset, _dir.Path);
        Assert.Empty(second.Downloaded);
        Assert.Equal(["a.bin", "nested/b.csv"], second.AlreadyPresent);
        Assert.Equal(1, _server.Hits["a.bin"]);

        // A file damaged on disk is fetched again.
        File.WriteAllText(Path.Combine(first.Directory, "a.bin"), "damaged");
        var third = await downloader.DownloadAsync(dataset, _dir.Path);
        Assert.Equal(["a.bin"], third.Downloaded);
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(first.Directory, "a.bin")));
    }

    [Fact]
    public async Task Required_file_failure_stops_the_dataset_download()
    {
        var dataset = new DatasetInfo("toy", "a toy dataset", "tests", [
            new DatasetFile("gone.bin", _server.BaseUrl + "gone.bin", null, new string('0', 64)),
        ], []);
        await Assert.ThrowsAsync<IOException>(() => new Downloader(_http).DownloadAsync(dataset, _dir.Path));
    }
}
