namespace DlPath.Plots.Tests;

public sealed class ChartTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dlpath-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static void AssertChart(string path, int width, int height)
    {
        Assert.True(File.Exists(path), path);
        Assert.True(new FileInfo(path).Length > 3000, $"{path}: {new FileInfo(path).Length} bytes");
        Assert.Equal((width, height), Images.PngSize(path));
    }

    [Fact]
    public void Figure_with_points_line_boundary_and_legend_renders_headless()
    {
        using var fig = new Figure("title", "x", "y");
        var labels = new[] { 0, 1, 0, 1 };
        Charts.ScatterByClass(fig, [0, 1, 0.2, 0.9], [0, 1, 0.3, 0.8], labels, new Dictionary<int, string> { [0] = "neg", [1] = "pos" });
        fig.Line([0, 1], [0, 1], "fit");
        fig.DecisionBoundary((x, y) => x + y - 1, 0, 1, 0, 1);
        fig.Arrow(0, 0, 0.5, 0.5);
        var path = fig.SavePng(PathOf("sub/fig.png"), 500, 400);
        AssertChart(path, 500, 400);
    }

    [Fact]
    public void Lines_heatmap_confusion_histogram_and_bar_write_pngs_of_the_requested_size()
    {
        AssertChart(Charts.Lines(PathOf("lines.png"), "curves", "m", "error", [new("train", [1, 2, 3], [0, 1, 2]), new("cv", [1, 2, 3], [5, 3, 2])], markers: true), 640, 480);
        AssertChart(Charts.Heatmap(PathOf("heat.png"), new double[,] { { 1, 2 }, { 3, 4 } }, "heat", ["a", "b"], ["c", "d"], annotate: true), 640, 560);
        AssertChart(Charts.ConfusionMatrix(PathOf("cm.png"), new[,] { { 5, 1 }, { 0, 7 } }, ["no", "yes"]), 640, 560);
        AssertChart(Charts.Histogram(PathOf("hist.png"), Enumerable.Range(0, 100).Select(i => Math.Sin(i)).ToArray(), 10, "h"), 640, 480);
        AssertChart(Charts.Bar(PathOf("bar.png"), ["a", "b", "c"], [1, -2, 3], "bars"), 640, 480);
    }

    [Fact]
    public void Image_grid_tiles_with_padding_and_scales()
    {
        var images = Enumerable.Range(0, 10).Select(k => Enumerable.Range(0, 12).Select(i => (double)(i * k)).ToArray()).ToList();
        var path = Images.Grid(PathOf("grid.png"), images, height: 3, width: 4, columns: 5, scale: 2);
        // 5 columns of (4 + 1) plus 1 padding = 26 wide, 2 rows of (3 + 1) plus 1 = 9 high, times 2.
        Assert.Equal((52, 18), Images.PngSize(path));
    }

    [Fact]
    public void Rgb_image_keeps_pixels()
    {
        var rgb = new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9 };
        var path = Images.Rgb(PathOf("rgb.png"), rgb, 2, 2, 3);
        Assert.Equal((6, 6), Images.PngSize(path));
        using var bmp = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal(new SkiaSharp.SKColor(255, 0, 0), bmp.GetPixel(0, 0));
        Assert.Equal(new SkiaSharp.SKColor(0, 0, 255), bmp.GetPixel(1, 4));
        Assert.Equal(new SkiaSharp.SKColor(9, 9, 9), bmp.GetPixel(5, 5));
    }

    [Fact]
    public void Errors_name_the_chart_and_the_sizes()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new Figure().Points([1, 2], [1]));
        Assert.Contains("2", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Images.Rgb(PathOf("x.png"), new byte[5], 2, 2));
        Assert.Contains("2x2x3", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Images.Grid(PathOf("g.png"), [new double[3]], 2, 2));
        Assert.Contains("image 0", e3.Message);
    }
}

public sealed class HeatmapOrientationTests
{
    [Fact]
    public void Row_zero_is_drawn_at_the_top()
    {
        var path = Path.Combine(Path.GetTempPath(), "dlpath-heat-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            // Row 0 holds the maximum (yellow in viridis), row 1 the minimum (dark purple).
            Charts.Heatmap(path, new double[,] { { 1, 1 }, { 0, 0 } }, "orientation", width: 400, height: 400);
            using var bmp = SkiaSharp.SKBitmap.Decode(path);
            // Sample a little inside the plot area's upper and lower halves, left of the colour bar.
            var top = bmp.GetPixel(150, 120);
            var bottom = bmp.GetPixel(150, 300);
            Assert.True(top.Red + top.Green > bottom.Red + bottom.Green, $"top pixel {top}, bottom pixel {bottom}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
