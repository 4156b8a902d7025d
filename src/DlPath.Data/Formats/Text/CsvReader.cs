using System.IO.Compression;
using System.Text;

namespace DlPath.Data.Formats.Text;

/// <summary>
/// A small, strict CSV reader (RFC 4180): quoted fields may hold delimiters, line breaks and doubled quotes
/// (<c>""</c>); line ends may be LF, CRLF or CR; a UTF-8 byte-order mark is skipped; gzipped files are
/// detected by their magic bytes. Blank lines are skipped. Anything malformed — an unclosed quote, text
/// after a closing quote, a record with the wrong number of fields — raises <see cref="CsvFormatException"/>
/// naming the file, line and column.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a CSV file (optionally gzipped).</summary>
    /// <exception cref="CsvFormatException">The file is malformed.</exception>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        using var reader = OpenText(path);
        return Read(reader, path, options);
    }

    /// <summary>Parses CSV text.</summary>
    public static CsvTable Parse(string text, string sourceName, CsvOptions? options = null) =>
        Read(new StringReader(text), sourceName, options);

    /// <summary>Reads CSV from a text reader.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <param name="options">Delimiter, header, strictness; <see cref="CsvOptions.Default"/> when null.</param>
    public static CsvTable Read(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= CsvOptions.Default;
        string[]? header = null;
        var rows = new List<string[]>();
        var lines = new List<int>();
        int expected = -1;
        int firstLine = 0;
        foreach (var (fields, line) in Records(reader, sourceName, options.Delimiter))
        {
            if (expected < 0)
            {
                expected = fields.Length;
                firstLine = line;
                if (options.HasHeader)
                {
                    header = fields;
                    continue;
                }
            }
            else if (options.RequireRectangular && fields.Length != expected)
            {
                string what = header is not null ? "the header has" : $"the first record (line {firstLine}) has";
                throw new CsvFormatException(sourceName, line, null, $"the record has {fields.Length} fields but {what} {expected}");
            }
            rows.Add(fields);
            lines.Add(line);
        }
        return new CsvTable(sourceName, header, rows, lines);
    }

    /// <summary>Opens a text file, transparently gunzipping it when it starts with the gzip magic bytes.</summary>
    public static TextReader OpenText(string path)
    {
        var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int n = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        Stream input = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
        return new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>The records of CSV text with the 1-based line each starts on; blank lines are skipped.</summary>
    internal static IEnumerable<(string[] Fields, int Line)> Records(TextReader reader, string sourceName, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, quoteLine = 0;
        bool inQuotes = false, afterQuote = false, fieldStarted = false;
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read(); // a byte-order mark left in text that did not come through a StreamReader
        }
        int c;
        while ((c = reader.Read()) >= 0)
        {
            char ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (ch == '\n' || ch == '\r' && reader.Peek() != '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
                fieldStarted = true;
                continue;
            }
            if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                if (fieldStarted || field.Length > 0 || afterQuote)
                {
                    fields.Add(field.ToString());
                    yield return (fields.ToArray(), recordLine);
                }
                fields.Clear();
                field.Clear();
                afterQuote = fieldStarted = false;
                line++;
                recordLine = line;
                continue;
            }
            if (afterQuote)
            {
                throw new CsvFormatException(sourceName, line, $"column {fields.Count + 1}", $"unexpected '{ch}' after a closing quote (a quote inside a quoted field must be doubled: \"\")");
            }
            if (ch == '"' && field.Length == 0)
            {
                inQuotes = true;
                quoteLine = line;
                fieldStarted = true;
                continue;
            }
            field.Append(ch); // a quote inside an unquoted field is kept as a literal character
            fieldStarted = true;
        }
        if (inQuotes)
        {
            throw new CsvFormatException(sourceName, quoteLine, $"column {fields.Count + 1}", "a quoted field is never closed (missing '\"')");
        }
        if (fieldStarted || field.Length > 0 || afterQuote)
        {
            fields.Add(field.ToString());
            yield return (fields.ToArray(), recordLine);
        }
    }
}
