using Microsoft.Playwright;

namespace DlPath.Web.Tests;

/// <summary>
/// Debian's Chromium, headless, through Playwright: the dashboard renders its charts, and a PNG uploaded in the
/// playground comes back as a preview and three predictions. Screenshots are kept under the test output folder
/// (screenshots/) as artifacts.
/// </summary>
public sealed class BrowserTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_and_playground_work_in_chromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium)");
        string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        string upload = Path.Combine(shots, "trouser-upload.png");
        await File.WriteAllBytesAsync(upload, TestModels.TrouserPng(480, 640));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error") errors.Add(m.Text);
        };

        await page.GotoAsync(server.BaseAddress + "");
        await page.WaitForSelectorAsync("svg#gantt rect.bar");
        Assert.True(await page.Locator("svg#gantt rect.bar").CountAsync() > 10);
        Assert.Contains("batchnorm", await page.InnerTextAsync("#labs"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard.png"), FullPage = true });

        await page.GotoAsync(server.BaseAddress + "playground");
        await page.SelectOptionAsync("#model", "cnn");
        await page.SetInputFilesAsync("#file", upload);
        await page.WaitForSelectorAsync("#predictions li.prediction");
        var items = await page.Locator("#predictions li.prediction").AllInnerTextsAsync();
        Assert.Equal(3, items.Count);
        Assert.All(items, t => Assert.Matches(@"^.+ — \d+\.\d%$", t));
        Assert.True(await page.Locator("#preview").IsVisibleAsync());
        Assert.Equal(28, await page.EvaluateAsync<int>("document.getElementById('preview').naturalWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "playground.png"), FullPage = true });

        // Draw a stroke on the canvas and predict it.
        var box = (await page.Locator("#canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 240, new MouseMoveOptions { Steps = 10 });
        await page.Mouse.UpAsync();
        // (WaitForFunction would need eval, which the page's Content-Security-Policy rightly forbids.)
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#predict-drawing"), r => r.Url.Contains("/api/predict", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        await page.WaitForSelectorAsync("#predictions li.prediction");
        Assert.Equal(3, await page.Locator("#predictions li.prediction").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "playground-drawing.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
