namespace DlPath.Data.Formats.Text;

/// <summary>
/// A delimited text file could not be read: a field does not parse, a row has the wrong number of
/// fields, or a quote is not closed. The message names the file, the 1-based line and the column
/// (by header name when the file has one).
/// </summary>
public sealed class CsvFormatException : DataFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file (or source name) that was being read.</param>
    /// <param name="line">1-based line number in the file where the problem is.</param>
    /// <param name="column">Column description (e.g. <c>column 3 ('Age')</c>), or null for a whole-row problem.</param>
    /// <param name="detail">What is wrong.</param>
    public CsvFormatException(string fileName, int line, string? column, string detail)
        : base(fileName, $"{fileName}: line {line}{(column is null ? "" : ", " + column)}: {detail}")
    {
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>1-based line number in the file.</summary>
    public int Line { get; }

    /// <summary>The column, described by index and header name where known; null for a whole-row problem.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Detail { get; }
}
