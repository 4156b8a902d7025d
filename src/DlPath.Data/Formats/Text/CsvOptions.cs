namespace DlPath.Data.Formats.Text;

/// <summary>How <see cref="CsvReader"/> reads a delimited file.</summary>
public sealed record CsvOptions
{
    /// <summary>The field separator; ',' by default.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first record is a header of column names; true by default.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Whether every record must have as many fields as the first one; true by default.</summary>
    public bool RequireRectangular { get; init; } = true;

    /// <summary>The defaults: comma-separated with a header.</summary>
    public static CsvOptions Default { get; } = new();
}
