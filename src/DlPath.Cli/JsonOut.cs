using System.Text.Encodings.Web;
using System.Text.Json;

namespace DlPath.Cli;

/// <summary>The <c>--json</c> output: snake_case, indented, one document per command.</summary>
public static class JsonOut
{
    /// <summary>Serializer options for every <c>--json</c> document.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="value"/> as JSON followed by a newline.</summary>
    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>Writes pre-built JSON text followed by a newline.</summary>
    public static void WriteRaw(TextWriter output, string json) => output.WriteLine(json.TrimEnd());
}
