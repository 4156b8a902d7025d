using System.Globalization;
using ScottPlot;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// The four charts a learner looks at before modelling, saved as PNG files: survival by sex and class, age
/// histograms by outcome, fare against age, and the correlation heat map of the numeric features.
/// </summary>
public static class TitanicPlots
{
    private static readonly Color Died = Color.FromHex("#d62728");
    private static readonly Color Lived = Color.FromHex("#2ca02c");
    private static readonly Color Female = Color.FromHex("#ff7f0e");
    private static readonly Color Male = Color.FromHex("#1f77b4");

    /// <summary>Draws all four charts into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> DrawAll(TitanicDataset data, TitanicFeatures features, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        Directory.CreateDirectory(directory);
        return
        [
            SurvivalBySexAndClass(data.Train, Path.Combine(directory, "survival_by_sex_class.png")),
            AgeByOutcome(data.Train, Path.Combine(directory, "age_by_outcome.png")),
            FareVersusAge(data.Train, Path.Combine(directory, "fare_vs_age.png")),
            CorrelationHeatmap(data.Train, features, Path.Combine(directory, "correlation_heatmap.png")),
        ];
    }

    /// <summary>Grouped bars: the survival rate of women and men in each class.</summary>
    public static string SurvivalBySexAndClass(IReadOnlyList<Passenger> train, string path)
    {
        using var plot = NewPlot("Survival rate by sex and class", "class", "survival rate");
        var bars = new List<Bar>();
        for (int pclass = 1; pclass <= 3; pclass++)
        {
            foreach (var (sex, offset, color) in new[] { ("female", -0.2, Female), ("male", 0.2, Male) })
            {
                var group = train.Where(p => p.Pclass == pclass && p.Sex == sex).ToList();
                double rate = group.Count == 0 ? 0 : group.Average(p => (double)p.Survived!.Value);
                bars.Add(new Bar
                {
                    Position = pclass + offset,
                    Value = rate,
                    Size = 0.38,
                    FillColor = color,
                    Label = rate.ToString("0.00", CultureInfo.InvariantCulture),
                });
            }
        }
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [new Tick(1, "1st"), new Tick(2, "2nd"), new Tick(3, "3rd")]);
        plot.Axes.SetLimitsY(0, 1.05);
        Legend(plot, ("female", Female), ("male", Male));
        return Save(plot, path);
    }

    /// <summary>Age histogram (5-year bins) with the passengers who died and who survived side by side in each bin.</summary>
    public static string AgeByOutcome(IReadOnlyList<Passenger> train, string path)
    {
        using var plot = NewPlot("Age by outcome (known ages only)", "age (years)", "passengers");
        const double width = 5;
        foreach (var (outcome, color) in new[] { (0, Died), (1, Lived) })
        {
            var counts = new double[17];
            foreach (var p in train.Where(p => p.Survived == outcome && p.Age is not null))
            {
                counts[Math.Min((int)(p.Age!.Value / width), counts.Length - 1)]++;
            }
            // Side by side rather than overlaid: overlapping bars would hide the smaller count.
            plot.Add.Bars(counts.Select((c, b) => new Bar
            {
                Position = (b * width) + (outcome == 0 ? 1.3 : 3.7),
                Value = c,
                Size = (width / 2) - 0.2,
                FillColor = color,
            }).ToList());
        }
        plot.Axes.Margins(bottom: 0);
        Legend(plot, ("died", Died), ("survived", Lived));
        return Save(plot, path);
    }

    /// <summary>Scatter of fare against age, coloured by outcome (passengers with a known age and fare).</summary>
    public static string FareVersusAge(IReadOnlyList<Passenger> train, string path)
    {
        using var plot = NewPlot("Fare against age", "age (years)", "fare (log scale, 1 + fare)");
        foreach (var (outcome, label, color) in new[] { (0, "died", Died), (1, "survived", Lived) })
        {
            var known = train.Where(p => p.Survived == outcome && p.Age is not null && p.Fare is not null).ToList();
            // A log axis: most fares are under 30 but a few reach 512, which would squash everything else.
            var scatter = plot.Add.ScatterPoints(
                known.Select(p => p.Age!.Value).ToArray(),
                known.Select(p => Math.Log10(1 + p.Fare!.Value)).ToArray(),
                color.WithAlpha(0.6));
            scatter.MarkerSize = 5;
            scatter.LegendText = label;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            new[] { 0, 5, 10, 25, 50, 100, 250, 500 }.Select(f => new Tick(Math.Log10(1 + f), f.ToString(CultureInfo.InvariantCulture))).ToArray());
        plot.ShowLegend();
        return Save(plot, path);
    }

    /// <summary>The Pearson correlation of survival and the main numeric features (after imputation), annotated.</summary>
    public static string CorrelationHeatmap(IReadOnlyList<Passenger> train, TitanicFeatures features, string path)
    {
        var (names, matrix) = Correlations(train, features);
        int n = names.Count;
        using var plot = NewPlot("Correlation of the numeric features", "", "");
        var heatmap = plot.Add.Heatmap(matrix);
        // A diverging map centred on 0: red for positive, blue for negative correlation, pale for none.
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        // The extent runs through the centres of the outer cells: cell (r, c) is then centred on (c + 0.5, n - r - 0.5),
        // so row 0 is drawn at the top as in a printed matrix.
        heatmap.Extent = new CoordinateRect(0.5, n - 0.5, 0.5, n - 0.5);
        plot.Add.ColorBar(heatmap);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                var text = plot.Add.Text(matrix[r, c].ToString("0.00", CultureInfo.InvariantCulture), c + 0.5, n - r - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontSize = 11;
                // White on the dark ends of the map, black on the pale middle.
                text.LabelFontColor = Math.Abs(matrix[r, c]) > 0.6 ? Colors.White : Colors.Black;
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(names.Select((l, c) => new Tick(c + 0.5, l)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(names.Select((l, r) => new Tick(n - r - 0.5, l)).ToArray());
        plot.Axes.SetLimits(0, n, 0, n);
        // Room for the long, rotated feature names under the matrix and beside it.
        plot.Layout.Fixed(new PixelPadding(130, 90, 130, 40));
        return Save(plot, path, 760, 720);
    }

    /// <summary>The columns of the heat map and their correlation matrix.</summary>
    public static (IReadOnlyList<string> Names, double[,] Matrix) Correlations(IReadOnlyList<Passenger> train, TitanicFeatures features)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(features);
        var columns = new (string Name, Func<Passenger, double> Value)[]
        {
            ("Survived", p => p.Survived!.Value),
            ("Pclass", p => p.Pclass),
            ("IsFemale", p => p.Sex == "female" ? 1 : 0),
            ("Age", features.ImputedAge),
            ("SibSp", p => p.SibSp),
            ("Parch", p => p.Parch),
            ("FamilySize", p => p.SibSp + p.Parch + 1),
            ("LogFarePerPerson", p => Math.Log(1 + features.FarePerPerson(p))),
            ("TicketGroupSize", p => features.TicketGroupSize(p)),
        };
        var values = columns.Select(c => train.Select(c.Value).ToArray()).ToArray();
        var matrix = new double[columns.Length, columns.Length];
        for (int r = 0; r < columns.Length; r++)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                matrix[r, c] = Stats.Correlation(values[r], values[c]);
            }
        }
        return (columns.Select(c => c.Name).ToList(), matrix);
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        if (xLabel.Length > 0)
        {
            plot.XLabel(xLabel);
        }
        if (yLabel.Length > 0)
        {
            plot.YLabel(yLabel);
        }
        return plot;
    }

    private static void Legend(Plot plot, params (string Label, Color Color)[] items)
    {
        foreach (var (label, color) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }
        plot.ShowLegend();
    }

    private static string Save(Plot plot, string path, int width = 720, int height = 520)
    {
        plot.SavePng(path, width, height);
        return path;
    }
}
