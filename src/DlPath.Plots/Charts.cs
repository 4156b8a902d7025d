using ScottPlot;

namespace DlPath.Plots;

/// <summary>
/// Ready-made charts the path draws again and again, each written straight to a PNG file:
/// curves, scatter by class, heat maps and confusion matrices, histograms and bars. Image grids and raw
/// images are in <see cref="Images"/>; anything layered (data + boundary + contours) is built with <see cref="Figure"/>.
/// </summary>
public static class Charts
{
    /// <summary>One named curve of a line chart.</summary>
    /// <param name="Label">Legend text.</param>
    /// <param name="X">x values.</param>
    /// <param name="Y">y values, as many as <paramref name="X"/>.</param>
    public sealed record Series(string Label, double[] X, double[] Y);

    /// <summary>Line chart of one or more curves (learning curves, cost per iteration, validation curves).</summary>
    public static string Lines(string path, string title, string xLabel, string yLabel, IReadOnlyList<Series> series, bool markers = false,
        int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var fig = new Figure(title, xLabel, yLabel);
        foreach (var s in series)
        {
            fig.Line(s.X, s.Y, s.Label, markers: markers);
        }
        return fig.SavePng(path, width, height);
    }

    /// <summary>
    /// Adds the points of each class in its own colour and marker to <paramref name="figure"/>
    /// (the course's <c>plotData</c>: + for positive, o for negative).
    /// </summary>
    /// <param name="figure">The figure to draw on.</param>
    /// <param name="x">First feature.</param>
    /// <param name="y">Second feature.</param>
    /// <param name="labels">Class of each point (any integers).</param>
    /// <param name="classNames">Legend text per class value, or null for "class k".</param>
    public static Figure ScatterByClass(Figure figure, double[] x, double[] y, int[] labels, IReadOnlyDictionary<int, string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Length != labels.Length || y.Length != labels.Length)
        {
            throw new ArgumentException($"scatter by class: {x.Length} x values, {y.Length} y values and {labels.Length} labels; they must match");
        }
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.Cross, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp,
            MarkerShape.FilledDiamond, MarkerShape.Eks, MarkerShape.OpenCircle, MarkerShape.Asterisk];
        int k = 0;
        foreach (var cls in labels.Distinct().Order())
        {
            var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls).ToArray();
            var name = classNames is not null && classNames.TryGetValue(cls, out var n) ? n : $"class {cls}";
            figure.Points(idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray(), name, shapes[k % shapes.Length], Figure.PaletteColor(k), 7);
            k++;
        }
        return figure;
    }

    /// <summary>
    /// Heat map of a matrix (row 0 at the top, as printed), with an optional value written in each cell.
    /// </summary>
    public static string Heatmap(string path, double[,] values, string title = "", IReadOnlyList<string>? rowLabels = null,
        IReadOnlyList<string>? columnLabels = null, bool annotate = false, string format = "0.##", int width = 640, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        if (rows == 0 || cols == 0)
        {
            throw new ArgumentException($"heat map: the matrix is empty ({rows}x{cols})", nameof(values));
        }
        using var fig = new Figure(title);
        var plot = fig.Plot;
        var hm = plot.Add.Heatmap(values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        // Cell (r, c) covers x in [c, c+1] and y in [rows-r-1, rows-r], so row 0 is drawn at the top.
        hm.Extent = new CoordinateRect(0, cols, 0, rows);
        plot.Add.ColorBar(hm);
        if (annotate)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    var t = plot.Add.Text(values[r, c].ToString(format, System.Globalization.CultureInfo.InvariantCulture), c + 0.5, rows - r - 0.5);
                    t.Alignment = Alignment.MiddleCenter;
                    t.LabelFontSize = Math.Clamp(300f / Math.Max(rows, cols), 8f, 16f);
                    // Light text on the dark end of the map, dark text on the light end.
                    bool dark = max > min && (values[r, c] - min) / (max - min) < 0.5;
                    t.LabelFontColor = dark ? Colors.White : Colors.Black;
                }
            }
        }
        SetTicks(plot, rowLabels, columnLabels, rows, cols);
        plot.Axes.SetLimits(0, cols, 0, rows);
        return fig.SavePng(path, width, height);
    }

    /// <summary>Confusion matrix: true class down the rows, predicted class across the columns, counts in the cells.</summary>
    public static string ConfusionMatrix(string path, int[,] counts, IReadOnlyList<string> classNames, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int n = counts.GetLength(0);
        if (counts.GetLength(1) != n || classNames.Count != n)
        {
            throw new ArgumentException($"confusion matrix: counts are {counts.GetLength(0)}x{counts.GetLength(1)} for {classNames.Count} class names; need a square matrix with one name per class");
        }
        var values = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                values[r, c] = counts[r, c];
            }
        }
        return Heatmap(path, values, title + " (rows: true, columns: predicted)", classNames, classNames, annotate: true, format: "0");
    }

    /// <summary>Histogram of values in <paramref name="bins"/> equal-width bins.</summary>
    public static string Histogram(string path, double[] values, int bins = 30, string title = "", string xLabel = "", string yLabel = "count",
        int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("histogram: no values", nameof(values));
        }
        if (bins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "histogram: need at least one bin");
        }
        double min = values.Min(), max = values.Max();
        if (max == min)
        {
            max = min + 1;
        }
        var counts = new double[bins];
        foreach (var v in values)
        {
            int b = (int)((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        double binWidth = (max - min) / bins;
        using var fig = new Figure(title, xLabel, yLabel);
        var barList = new List<Bar>();
        for (int b = 0; b < bins; b++)
        {
            barList.Add(new Bar { Position = min + (b + 0.5) * binWidth, Value = counts[b], Size = binWidth * 0.95, FillColor = Figure.PaletteColor(0) });
        }
        fig.Plot.Add.Bars(barList);
        fig.Plot.Axes.Margins(bottom: 0);
        return fig.SavePng(path, width, height);
    }

    /// <summary>Bar chart with one labelled bar per value (e.g. feature weights, per-class scores).</summary>
    public static string Bar(string path, IReadOnlyList<string> labels, IReadOnlyList<double> values, string title = "", string yLabel = "",
        int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Count)
        {
            throw new ArgumentException($"bar: {labels.Count} labels for {values.Count} values");
        }
        // Long labels (movie titles, words) read best on a horizontal chart, first label at the top.
        bool horizontal = labels.Any(l => l.Length > 8);
        using var fig = new Figure(title, horizontal ? yLabel : "", horizontal ? "" : yLabel);
        var bars = values.Select((v, i) => new Bar { Position = horizontal ? values.Count - 1 - i : i, Value = v, FillColor = Figure.PaletteColor(0) }).ToList();
        var barPlot = fig.Plot.Add.Bars(bars);
        barPlot.Horizontal = horizontal;
        var ticks = labels.Select((l, i) => new Tick(horizontal ? values.Count - 1 - i : i, l)).ToArray();
        var axis = horizontal ? (ScottPlot.IAxis)fig.Plot.Axes.Left : fig.Plot.Axes.Bottom;
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        if (horizontal)
        {
            fig.Plot.Axes.Margins(left: 0);
        }
        else
        {
            fig.Plot.Axes.Margins(bottom: 0);
        }
        return fig.SavePng(path, width, height);
    }

    private static void SetTicks(Plot plot, IReadOnlyList<string>? rowLabels, IReadOnlyList<string>? columnLabels, int rows, int cols)
    {
        // Without labels, ticks name row and column indices (row 0 at the top), about ten per axis, so the axes
        // read like the matrix rather than like plot coordinates.
        var columnTicks = columnLabels is not null
            ? columnLabels.Take(cols).Select((l, c) => new Tick(c + 0.5, l))
            : IndexTicks(cols).Select(c => new Tick(c + 0.5, c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rowTicks = rowLabels is not null
            ? rowLabels.Take(rows).Select((l, r) => new Tick(rows - r - 0.5, l))
            : IndexTicks(rows).Select(r => new Tick(rows - r - 0.5, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(columnTicks.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rowTicks.ToArray());
    }

    private static IEnumerable<int> IndexTicks(int count)
    {
        int step = Math.Max(1, (int)Math.Ceiling(count / 10.0));
        for (int i = 0; i < count; i += step)
        {
            yield return i;
        }
    }
}
