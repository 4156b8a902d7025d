using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Web;

/// <summary>
/// The learner's store for the web app: opened once, used under a lock (a store is not made for concurrent use),
/// and reporting an empty store when none is configured.
/// </summary>
internal sealed class ProgressSource(ServeOptions options) : IDisposable
{
    private readonly Lock _lock = new();
    private IProgressStore? _store;

    // Without a learner's store the dashboard shows an empty one, kept in a temporary file deleted on dispose.
    private string? _scratch;

    public ProgressReport Report()
    {
        var today = options.Today?.Invoke() ?? DateOnly.FromDateTime(DateTime.Now);
        lock (_lock)
        {
            _store ??= options.OpenStore?.Invoke() ?? SqliteProgressStore.Open(_scratch = Path.Combine(Path.GetTempPath(), $"dlpath-serve-{Guid.NewGuid():N}.db"));
            return ProgressReport.Build(Guide.Load(), _store, today, options.Now?.Invoke() ?? DateTimeOffset.UtcNow);
        }
    }

    public void Dispose()
    {
        _store?.Dispose();
        if (_scratch is not null) File.Delete(_scratch);
    }
}
