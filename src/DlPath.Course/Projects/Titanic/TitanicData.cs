using System.Globalization;
using DlPath.Data.Formats.Text;
using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Reads Kaggle's train.csv and test.csv strictly: every required column must be there, every number must
/// parse, every category must be one the model was trained on. Nothing is dropped; missing ages, fares,
/// ports and cabins stay null here and are imputed (and counted) by <see cref="TitanicFeatures"/>.
/// </summary>
public static class TitanicData
{
    /// <summary>The training file's name in a Kaggle download.</summary>
    public const string TrainFile = "train.csv";

    /// <summary>The test file's name in a Kaggle download.</summary>
    public const string TestFile = "test.csv";

    /// <summary>The columns test.csv must have (train.csv has these and <c>Survived</c>).</summary>
    public static IReadOnlyList<string> FeatureColumns { get; } =
        ["PassengerId", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch", "Ticket", "Fare", "Cabin", "Embarked"];

    /// <summary>The categories a row may hold, per categorical column (an empty port is allowed and imputed).</summary>
    public static IReadOnlyDictionary<string, string[]> Categories { get; } = new Dictionary<string, string[]>
    {
        ["Survived"] = ["0", "1"],
        ["Pclass"] = ["1", "2", "3"],
        ["Sex"] = ["female", "male"],
        ["Embarked"] = ["C", "Q", "S"],
    };

    /// <summary>Reads <c>train.csv</c> and <c>test.csv</c> from a directory.</summary>
    /// <exception cref="FileNotFoundException">A file is not in the directory.</exception>
    /// <exception cref="TitanicDataException">A column is missing or a row is malformed.</exception>
    /// <exception cref="CsvFormatException">The CSV itself is broken (unclosed quote, wrong field count).</exception>
    public static TitanicDataset Load(string directory)
    {
        var trainPath = Path.Combine(directory, TrainFile);
        var testPath = Path.Combine(directory, TestFile);
        foreach (var path in new[] { trainPath, testPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"{Path.GetFileName(path)} is not in {directory}: pass --data with the folder of your Kaggle download, or run 'dlpath data get titanic'",
                    path);
            }
        }
        var train = Read(CsvReader.Read(trainPath), TrainFile, labelled: true);
        var test = Read(CsvReader.Read(testPath), TestFile, labelled: false);
        var trainIds = train.Select(p => p.PassengerId).ToHashSet();
        var clash = test.FirstOrDefault(t => trainIds.Contains(t.PassengerId));
        if (clash is not null)
        {
            throw new TitanicDataException(TestFile, clash.Line, clash.PassengerId, "PassengerId",
                "this id is also in train.csv; Kaggle's ids are unique across both files");
        }
        return new TitanicDataset(train, test, Path.GetFullPath(directory));
    }

    /// <summary>Parses CSV text in train.csv's (<paramref name="labelled"/>) or test.csv's layout.</summary>
    /// <param name="text">The whole file's text.</param>
    /// <param name="fileName">The name used in messages.</param>
    /// <param name="labelled">True for train.csv (a <c>Survived</c> column is required).</param>
    public static IReadOnlyList<Passenger> Parse(string text, string fileName, bool labelled) =>
        Read(CsvReader.Parse(text, fileName), fileName, labelled);

    private static List<Passenger> Read(CsvTable table, string fileName, bool labelled)
    {
        var header = table.Header ?? [];
        var required = labelled ? FeatureColumns.Prepend("Survived").ToList() : FeatureColumns.ToList();
        var missing = required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new TitanicDataException(fileName, 1, null, missing[0],
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(c => $"'{c}'"))}; the header has {string.Join(", ", header)}");
        }
        var col = required.ToDictionary(c => c, table.ColumnIndex);
        var passengers = new List<Passenger>(table.RowCount);
        var seen = new Dictionary<int, int>();
        for (int r = 0; r < table.RowCount; r++)
        {
            var row = new RowReader(table.Rows[r], table.LineOf(r), fileName, col);
            int id = row.Int("PassengerId", null);
            if (seen.TryGetValue(id, out var firstLine))
            {
                throw new TitanicDataException(fileName, row.Line, id, "PassengerId", $"duplicate id (first seen on line {firstLine})");
            }
            seen[id] = row.Line;
            passengers.Add(new Passenger(
                id,
                labelled ? int.Parse(row.Category("Survived", id)!, CultureInfo.InvariantCulture) : null,
                int.Parse(row.Category("Pclass", id)!, CultureInfo.InvariantCulture),
                row.Text("Name", id),
                row.Category("Sex", id)!,
                row.OptionalDouble("Age", id),
                row.Int("SibSp", id),
                row.Int("Parch", id),
                row.Text("Ticket", id),
                row.OptionalDouble("Fare", id),
                row.Optional("Cabin"),
                row.Category("Embarked", id, allowEmpty: true),
                row.Line));
        }
        return passengers;
    }

    /// <summary>
    /// The passengers as a Microsoft.Data.Analysis <see cref="DataFrame"/> (pandas' role): one column per CSV
    /// column, nulls where the file is empty; <c>Survived</c> only when every row has it (train.csv).
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<Passenger> passengers)
    {
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("PassengerId", passengers.Select(p => (int?)p.PassengerId)),
        };
        if (passengers.Count > 0 && passengers.All(p => p.Survived is not null))
        {
            columns.Add(new Int32DataFrameColumn("Survived", passengers.Select(p => p.Survived)));
        }
        columns.AddRange(
        [
            new Int32DataFrameColumn("Pclass", passengers.Select(p => (int?)p.Pclass)),
            new StringDataFrameColumn("Name", passengers.Select(p => p.Name)),
            new StringDataFrameColumn("Sex", passengers.Select(p => p.Sex)),
            new DoubleDataFrameColumn("Age", passengers.Select(p => p.Age)),
            new Int32DataFrameColumn("SibSp", passengers.Select(p => (int?)p.SibSp)),
            new Int32DataFrameColumn("Parch", passengers.Select(p => (int?)p.Parch)),
            new StringDataFrameColumn("Ticket", passengers.Select(p => p.Ticket)),
            new DoubleDataFrameColumn("Fare", passengers.Select(p => p.Fare)),
            new StringDataFrameColumn("Cabin", passengers.Select(p => p.Cabin)),
            new StringDataFrameColumn("Embarked", passengers.Select(p => p.Embarked)),
        ]);
        return new DataFrame(columns);
    }

    /// <summary>Reads the fields of one record by column name, raising errors that name line, id and column.</summary>
    private readonly struct RowReader(string[] fields, int line, string fileName, Dictionary<string, int> columns)
    {
        public int Line => line;

        private string Raw(string column) => fields[columns[column]].Trim();

        private TitanicDataException Error(int? id, string column, string detail) => new(fileName, line, id, column, detail);

        public string Text(string column, int? id)
        {
            var value = Raw(column);
            return value.Length > 0 ? value : throw Error(id, column, "the value is empty; every row needs one");
        }

        public string? Optional(string column)
        {
            var value = Raw(column);
            return value.Length > 0 ? value : null;
        }

        public int Int(string column, int? id)
        {
            var value = Text(column, id);
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw Error(id, column, $"'{value}' is not a whole number >= 0");
        }

        public double? OptionalDouble(string column, int? id)
        {
            var value = Raw(column);
            if (value.Length == 0)
            {
                return null;
            }
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= 0
                ? x
                : throw Error(id, column, $"'{value}' is not a number >= 0 (leave the field empty when it is unknown)");
        }

        public string? Category(string column, int? id, bool allowEmpty = false)
        {
            var value = Raw(column);
            if (value.Length == 0 && allowEmpty)
            {
                return null;
            }
            var known = Categories[column];
            return known.Contains(value, StringComparer.Ordinal)
                ? value
                : value.Length == 0
                    ? throw Error(id, column, $"the value is empty; it must be one of {string.Join(", ", known)}")
                    : throw Error(id, column, $"unknown category '{value}'; the model knows {string.Join(", ", known)}");
        }
    }
}
