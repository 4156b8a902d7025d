namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A MAT file could not be read: it is truncated, is not a MAT level-5 file, holds a corrupt compressed
/// element, or uses a class this reader does not support. The message names the file, the variable (when
/// known) and the byte offset where reading stopped.
/// </summary>
public sealed class MatFormatException : DataFormatException
{
    /// <summary>Creates the exception from its parts; the message is composed from them.</summary>
    /// <param name="fileName">The file (or source name) that was being read.</param>
    /// <param name="variableName">The variable being read, or null when the problem is outside a variable.</param>
    /// <param name="offset">Byte offset in the file where the problem was found (for data inside a compressed
    /// element: the offset of that element).</param>
    /// <param name="location">Human-readable location, e.g. "byte 312" or "byte 40 of the compressed element at byte 128".</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="inner">The underlying exception, if any (e.g. from the zlib decoder).</param>
    public MatFormatException(string fileName, string? variableName, long offset, string location, string detail, Exception? inner = null)
        : base(fileName, Compose(fileName, variableName, location, detail), inner)
    {
        VariableName = variableName;
        Offset = offset;
        Detail = detail;
    }

    /// <summary>The variable being read, or null when the problem is in the header or between variables.</summary>
    public string? VariableName { get; }

    /// <summary>Byte offset in the file; inside a compressed element this is the offset of that element.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the file/variable/offset prefix.</summary>
    public string Detail { get; }

    private static string Compose(string fileName, string? variableName, string location, string detail)
    {
        var variable = string.IsNullOrEmpty(variableName) ? "" : $"variable '{variableName}', ";
        return $"MAT file '{fileName}': {variable}at {location}: {detail}";
    }
}
