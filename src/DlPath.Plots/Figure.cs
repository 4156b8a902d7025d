using ScottPlot;

namespace DlPath.Plots;

/// <summary>
/// One chart, built up layer by layer (points, lines, contours, arrows) and saved as a PNG, like a
/// matplotlib figure with <c>hold on</c>. Wraps a ScottPlot <see cref="ScottPlot.Plot"/> (reachable through
/// <see cref="Plot"/> for anything not covered here); rendering is headless (SkiaSharp), so it works on servers and CI.
/// </summary>
public sealed class Figure : IDisposable
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    private static readonly ScottPlot.Colormaps.Viridis ContourMap = new();

    private int _nextColor;
    private bool _hasLegend;

    /// <summary>Creates an empty figure with a title and axis labels.</summary>
    public Figure(string title = "", string xLabel = "", string yLabel = "")
    {
        Plot = new Plot();
        if (title.Length > 0)
        {
            Plot.Title(title);
        }
        if (xLabel.Length > 0)
        {
            Plot.XLabel(xLabel);
        }
        if (yLabel.Length > 0)
        {
            Plot.YLabel(yLabel);
        }
    }

    /// <summary>The underlying ScottPlot plot.</summary>
    public Plot Plot { get; }

    /// <summary>The i-th colour of the default (matplotlib "tab10") palette.</summary>
    public static Color PaletteColor(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Adds unconnected markers (a scatter plot).</summary>
    public Figure Points(double[] x, double[] y, string? label = null, MarkerShape marker = MarkerShape.FilledCircle, Color? color = null, float size = 6)
    {
        CheckSameLength("points", x, y);
        var scatter = Plot.Add.ScatterPoints(x, y, color ?? NextColor());
        scatter.MarkerShape = marker;
        scatter.MarkerSize = size;
        SetLabel(scatter, label);
        return this;
    }

    /// <summary>Adds a connected line, optionally with markers at the points.</summary>
    public Figure Line(double[] x, double[] y, string? label = null, Color? color = null, bool markers = false, float width = 2, LinePattern? pattern = null)
    {
        CheckSameLength("line", x, y);
        var scatter = Plot.Add.ScatterLine(x, y, color ?? NextColor());
        scatter.LineWidth = width;
        if (pattern is { } p)
        {
            scatter.LinePattern = p;
        }
        if (markers)
        {
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.MarkerSize = 5;
        }
        SetLabel(scatter, label);
        return this;
    }

    /// <summary>
    /// Adds contour lines of a sampled function (<c>z[i, j]</c> at <c>(xs[i], ys[j])</c>), one line set per level.
    /// </summary>
    public Figure Contour(double[] xs, double[] ys, double[,] z, IReadOnlyList<double> levels, string? label = null, Color? color = null, float width = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var baseColor = color;
        for (int k = 0; k < levels.Count; k++)
        {
            // Several levels without a given colour are shaded from dark to light, as matplotlib's default map does.
            var c = baseColor ?? ContourMap.GetColor(levels.Count == 1 ? 0.0 : (double)k / (levels.Count - 1));
            bool first = true;
            foreach (var (x1, y1, x2, y2) in MarchingSquares.Segments(xs, ys, z, levels[k]))
            {
                var line = Plot.Add.Line(x1, y1, x2, y2);
                line.LineColor = c;
                line.LineWidth = width;
                line.MarkerSize = 0;
                if (first && k == 0 && label is not null)
                {
                    line.LegendText = label;
                    _hasLegend = true;
                }
                first = false;
            }
        }
        return this;
    }

    /// <summary>
    /// Adds the boundary <c>f(x, y) = level</c> of a classifier over a rectangle, sampled on a
    /// <paramref name="resolution"/> × <paramref name="resolution"/> grid (the course's <c>plotDecisionBoundary</c>).
    /// </summary>
    public Figure DecisionBoundary(Func<double, double, double> f, double xMin, double xMax, double yMin, double yMax,
        double level = 0, int resolution = 100, string? label = "Decision boundary", Color? color = null)
    {
        var xs = Grid.Linspace(xMin, xMax, resolution);
        var ys = Grid.Linspace(yMin, yMax, resolution);
        return Contour(xs, ys, Grid.Evaluate(xs, ys, f), [level], label, color ?? Colors.Black, 2);
    }

    /// <summary>Adds an arrow from a base point to a tip.</summary>
    public Figure Arrow(double xBase, double yBase, double xTip, double yTip, Color? color = null)
    {
        var arrow = Plot.Add.Arrow(xBase, yBase, xTip, yTip);
        arrow.ArrowLineColor = color ?? Colors.Black;
        arrow.ArrowFillColor = color ?? Colors.Black;
        return this;
    }

    /// <summary>Adds a text label at a data coordinate.</summary>
    public Figure Text(string text, double x, double y, float fontSize = 12)
    {
        var t = Plot.Add.Text(text, x, y);
        t.LabelFontSize = fontSize;
        return this;
    }

    /// <summary>Makes one unit on x as long as one unit on y (for PCA directions and clusters).</summary>
    public Figure EqualAxes()
    {
        Plot.Axes.SquareUnits();
        return this;
    }

    /// <summary>Sets the visible ranges.</summary>
    public Figure Limits(double xMin, double xMax, double yMin, double yMax)
    {
        Plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        return this;
    }

    /// <summary>Renders the figure to a PNG file (creating its directory) and returns the path.</summary>
    public string SavePng(string path, int width = 640, int height = 480)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        if (_hasLegend)
        {
            Plot.ShowLegend();
        }
        Plot.SavePng(path, width, height);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Plot.Dispose();

    private Color NextColor() => PaletteColor(_nextColor++);

    private void SetLabel(ScottPlot.Plottables.Scatter scatter, string? label)
    {
        if (label is not null)
        {
            scatter.LegendText = label;
            _hasLegend = true;
        }
    }

    private static void CheckSameLength(string what, double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"{what}: x has {x.Length} values but y has {y.Length}");
        }
    }
}
