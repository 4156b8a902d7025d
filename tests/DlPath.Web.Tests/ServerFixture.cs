using DlPath.Course.Progress;
using Microsoft.AspNetCore.Builder;

namespace DlPath.Web.Tests;

/// <summary>A real Kestrel on 127.0.0.1 (a free port) serving two small random models and a learner with some progress.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private string _home = string.Empty;
    private WebApplication? _app;

    public string ModelsDir { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ModelRegistry Models => (ModelRegistry)_app!.Services.GetService(typeof(ModelRegistry))!;

    public static ServeOptions Options(string models, string home) => new()
    {
        Urls = "http://127.0.0.1:0",
        ModelsDirectory = models,
        OpenStore = () => SqliteProgressStore.Open(Path.Combine(home, "progress.db")),
        Today = () => new DateOnly(2026, 12, 20),
        Now = () => new DateTimeOffset(2026, 12, 20, 12, 0, 0, TimeSpan.Zero),
        MaxRequestBytes = 2 * 1024 * 1024,
    };

    public async Task InitializeAsync()
    {
        ModelsDir = TestModels.ModelsFolder();
        _home = Directory.CreateTempSubdirectory("dlpath-web-home-").FullName;
        using (var store = SqliteProgressStore.Open(Path.Combine(_home, "progress.db")))
        {
            Seed(store);
        }

        _app = DlPathWeb.Build(Options(ModelsDir, _home));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static void Seed(IProgressStore store)
    {
        store.SetSettings(new Dictionary<string, string?> { ["plan.start"] = "2026-12-07", ["plan.hours_per_week"] = "20" });
        var guide = DlPath.Course.Roadmap.Guide.Load();
        var first = guide.Tasks[0];
        var at = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
        store.AddHours(new HoursEntry(new DateOnly(2026, 12, 8), first.Id, 3, null, at));
        store.AddHours(new HoursEntry(new DateOnly(2026, 12, 15), guide.Tasks[1].Id, 2.5, null, at.AddDays(7)));
        store.SetTaskState(first.Id, TaskState.Done, at.AddDays(1));
        store.AddLabResult(new LabResult("batchnorm", true, 0.95, "{}", at.AddDays(2)));
        store.AddReview(new StoredReview("dl-001", 3, at.AddDays(3), 0, "{\"due\":\"2026-12-12T00:00:00Z\"}"));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(ModelsDir, true);
        Directory.Delete(_home, true);
    }
}
