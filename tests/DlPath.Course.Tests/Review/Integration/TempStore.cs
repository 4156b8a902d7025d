using DlPath.Course.Progress;

namespace DlPath.Course.Tests.Review.Integration;

/// <summary>A SQLite progress store in a temporary directory, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dlpath-review-test-" + Guid.NewGuid().ToString("N"));

    public TempStore()
    {
        Directory.CreateDirectory(_directory);
        Store = SqliteProgressStore.Open(Path.Combine(_directory, "progress.db"));
    }

    public IProgressStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
