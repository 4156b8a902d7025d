using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// The exploratory summary a learner looks at before modelling: pandas' <c>describe()</c>, the missing values
/// per column, and the survival rate by sex, class, age band, family size and port of embarkation.
/// </summary>
public static class TitanicEda
{
    /// <summary>The age bands of the survival table; ages are in years, upper bound exclusive.</summary>
    public static IReadOnlyList<(string Label, double Upper)> AgeBands { get; } =
    [
        ("0-11", 12), ("12-17", 18), ("18-29", 30), ("30-44", 45), ("45-59", 60), ("60+", double.PositiveInfinity),
    ];

    /// <summary>Builds the summary of both files.</summary>
    public static EdaSummary Summarize(TitanicDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = data.TrainFrame();
        var test = data.TestFrame();
        var survival = new List<SurvivalTable>
        {
            SurvivalBy("sex", data.Train, p => p.Sex),
            SurvivalBy("class", data.Train, p => p.Pclass.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            SurvivalBy("age band", data.Train, p => AgeBand(p.Age)),
            SurvivalBy("family size", data.Train, p => FamilyBand(p.SibSp + p.Parch + 1)),
            SurvivalBy("port", data.Train, p => p.Embarked ?? "missing"),
        };
        return new EdaSummary(Describe(train), Missing(train, test), survival, data.Train.Count, data.Test.Count);
    }

    /// <summary>
    /// pandas' <c>DataFrame.describe()</c>: count (non-null), mean, std (n-1), min, quartiles (linear
    /// interpolation) and max of every numeric column.
    /// </summary>
    public static DataFrame Describe(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        string[] stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("", stats) };
        foreach (var column in frame.Columns.Where(c => c.IsNumericColumn()))
        {
            var values = new List<double>();
            for (long i = 0; i < column.Length; i++)
            {
                if (column[i] is { } v)
                {
                    values.Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            values.Sort();
            int n = values.Count;
            var (mean, std) = Stats.MeanStd(values, ddof: 1);
            columns.Add(new DoubleDataFrameColumn(column.Name, new double?[]
            {
                n, mean, std,
                n > 0 ? values[0] : double.NaN,
                Stats.Quantile(values, 0.25), Stats.Quantile(values, 0.5), Stats.Quantile(values, 0.75),
                n > 0 ? values[^1] : double.NaN,
            }));
        }
        return new DataFrame(columns);
    }

    /// <summary>Missing (null) values per column of train.csv and test.csv, as counts.</summary>
    public static DataFrame Missing(DataFrame train, DataFrame test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var names = train.Columns.Select(c => c.Name).ToList();
        long Count(DataFrame f, string name) => f.Columns.IndexOf(name) >= 0 ? f.Columns[name].NullCount : 0;
        return new DataFrame(
            new StringDataFrameColumn("column", names),
            new Int64DataFrameColumn("train_missing", names.Select(n => (long?)Count(train, n))),
            new Int64DataFrameColumn("test_missing", names.Select(n => (long?)Count(test, n))));
    }

    /// <summary>The survival rate of each group of training passengers, groups in natural order.</summary>
    /// <param name="by">What the groups are (used in the title).</param>
    /// <param name="train">Labelled passengers.</param>
    /// <param name="key">The group of a passenger.</param>
    public static SurvivalTable SurvivalBy(string by, IReadOnlyList<Passenger> train, Func<Passenger, string> key)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(key);
        var groups = train.GroupBy(key)
            .Select(g => new SurvivalRow(g.Key, g.Count(), g.Count(p => p.Survived == 1)))
            .OrderBy(r => SortKey(r.Group), StringComparer.Ordinal)
            .ToList();
        return new SurvivalTable(by, groups);
    }

    /// <summary>The age band label of an age, or "unknown".</summary>
    public static string AgeBand(double? age) =>
        age is double a ? AgeBands.First(b => a < b.Upper).Label : "unknown";

    /// <summary>The family-size group: 1 (alone), 2, 3, 4 or 5+.</summary>
    public static string FamilyBand(int size) => size >= 5 ? "5+" : size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sorts "0-11" before "12-17" and "unknown"/"missing" last, whatever the text order.</summary>
    private static string SortKey(string group)
    {
        int digits = group.TakeWhile(char.IsDigit).Count();
        return digits > 0 ? group[..digits].PadLeft(4, '0') + group[digits..] : "~" + group;
    }
}
