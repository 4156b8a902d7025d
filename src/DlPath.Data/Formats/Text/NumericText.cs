using System.Globalization;

namespace DlPath.Data.Formats.Text;

/// <summary>
/// Reads plain numeric text matrices such as the ML course's <c>ex1data1.txt</c> (one row per line, values
/// separated by commas and/or white space, as MATLAB's <c>load</c> accepts) into <c>double[rows, columns]</c>.
/// </summary>
public static class NumericText
{
    /// <summary>Reads a numeric text file (optionally gzipped).</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">The separator; null accepts commas, spaces and tabs (MATLAB <c>load</c> style).</param>
    /// <exception cref="CsvFormatException">A value is not a number, or rows differ in length; the message names line and column.</exception>
    public static double[,] ReadMatrix(string path, char? delimiter = null)
    {
        using var reader = CsvReader.OpenText(path);
        return ReadMatrix(reader, path, delimiter);
    }

    /// <summary>Parses numeric text.</summary>
    public static double[,] ParseMatrix(string text, string sourceName, char? delimiter = null) =>
        ReadMatrix(new StringReader(text), sourceName, delimiter);

    /// <summary>Reads numeric text from a reader; blank lines and lines starting with '%' or '#' are skipped.</summary>
    public static double[,] ReadMatrix(TextReader reader, string sourceName, char? delimiter = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        char[] separators = delimiter is { } d ? [d] : [',', ' ', '\t'];
        var options = delimiter is null ? StringSplitOptions.RemoveEmptyEntries : StringSplitOptions.None;
        var rows = new List<double[]>();
        int firstLine = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '%' or '#')
            {
                continue;
            }
            var parts = trimmed.Split(separators, options);
            var values = new double[parts.Length];
            for (int j = 0; j < parts.Length; j++)
            {
                if (!double.TryParse(parts[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
                {
                    throw new CsvFormatException(sourceName, lineNumber, $"column {j + 1}", $"'{parts[j].Trim()}' is not a number");
                }
            }
            if (rows.Count == 0)
            {
                firstLine = lineNumber;
            }
            else if (values.Length != rows[0].Length)
            {
                throw new CsvFormatException(sourceName, lineNumber, null, $"the row has {values.Length} values but line {firstLine} has {rows[0].Length}");
            }
            rows.Add(values);
        }
        int cols = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new double[rows.Count, cols];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                m[i, j] = rows[i][j];
            }
        }
        return m;
    }
}
