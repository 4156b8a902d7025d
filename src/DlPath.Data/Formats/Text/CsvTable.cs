using System.Globalization;

namespace DlPath.Data.Formats.Text;

/// <summary>
/// The records of a CSV file as strings, with the header (if any) and each record's line number so that
/// conversion errors can point at the exact place in the file.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string[]> _rows;
    private readonly List<int> _lines;

    internal CsvTable(string sourceName, string[]? header, List<string[]> rows, List<int> lines)
    {
        SourceName = sourceName;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    /// <summary>The file (or source) name, as used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The column names, or null when the file was read without a header.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>The data records (the header excluded).</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Number of data records.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Number of columns (of the header, else of the first record).</summary>
    public int ColumnCount => Header?.Count ?? (_rows.Count > 0 ? _rows[0].Length : 0);

    /// <summary>The 1-based line in the file where data record <paramref name="row"/> starts.</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>The index of a named column.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public int ColumnIndex(string name)
    {
        if (Header is null)
        {
            throw new InvalidOperationException($"{SourceName} was read without a header; use column indices");
        }
        for (int i = 0; i < Header.Count; i++)
        {
            if (Header[i] == name)
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"{SourceName} has no column '{name}'; its columns are: {string.Join(", ", Header)}");
    }

    /// <summary>All values of a named column.</summary>
    public string[] Column(string name) => Column(ColumnIndex(name));

    /// <summary>All values of a column by index.</summary>
    public string[] Column(int column) => _rows.Select(r => r[column]).ToArray();

    /// <summary>
    /// Parses one field as a number (invariant culture). An empty field gives <paramref name="missing"/> when
    /// one is given (e.g. <see cref="double.NaN"/> for Titanic's missing ages) and is an error otherwise.
    /// </summary>
    /// <exception cref="CsvFormatException">The field is not a number; the message names line and column.</exception>
    public double GetDouble(int row, int column, double? missing = null)
    {
        var text = _rows[row][column].Trim();
        if (text.Length == 0)
        {
            return missing ?? throw new CsvFormatException(SourceName, LineOf(row), DescribeColumn(column), "the field is empty, a number was expected");
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        throw new CsvFormatException(SourceName, LineOf(row), DescribeColumn(column), $"'{text}' is not a number");
    }

    /// <summary>A named column parsed as numbers (see <see cref="GetDouble"/>).</summary>
    public double[] GetDoubles(string name, double? missing = null)
    {
        int c = ColumnIndex(name);
        var result = new double[RowCount];
        for (int r = 0; r < result.Length; r++)
        {
            result[r] = GetDouble(r, c, missing);
        }
        return result;
    }

    /// <summary>The chosen columns (all when none are given) parsed into a <c>double[rows, columns]</c>.</summary>
    /// <exception cref="CsvFormatException">A field is not a number.</exception>
    public double[,] ToMatrix(params int[] columns)
    {
        if (columns.Length == 0)
        {
            columns = Enumerable.Range(0, ColumnCount).ToArray();
        }
        var m = new double[RowCount, columns.Length];
        for (int r = 0; r < RowCount; r++)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                m[r, j] = GetDouble(r, columns[j]);
            }
        }
        return m;
    }

    /// <summary>"column 6 ('Age')" — 1-based, with the header name when there is one.</summary>
    public string DescribeColumn(int column) =>
        Header is not null && column < Header.Count ? $"column {column + 1} ('{Header[column]}')" : $"column {column + 1}";
}
