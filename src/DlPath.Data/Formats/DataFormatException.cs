namespace DlPath.Data.Formats;

/// <summary>
/// A data file could not be read because its contents are malformed: truncated, the wrong format, a bad
/// header, or values that do not parse. The message names the file and where in it the problem is, so a
/// learner can open the file and look. Subclasses add format-specific detail (<see cref="Mat.MatFormatException"/>,
/// <see cref="Text.CsvFormatException"/>).
/// </summary>
/// <remarks>It derives from <see cref="IOException"/> (as .NET's own <see cref="InvalidDataException"/>, which
/// is sealed, cannot be extended), so <c>catch (IOException)</c> around file reading sees it too.</remarks>
public class DataFormatException : IOException
{
    /// <summary>Creates the exception with a complete message.</summary>
    /// <param name="fileName">The file (or source name) that was being read.</param>
    /// <param name="message">The complete message, already naming the file and the location.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public DataFormatException(string fileName, string message, Exception? inner = null)
        : base(message, inner)
    {
        FileName = fileName;
    }

    /// <summary>The file (or source name) that was being read.</summary>
    public string FileName { get; }
}
