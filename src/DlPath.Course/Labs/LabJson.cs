using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlPath.Course.Labs;

/// <summary>JSON settings shared by lab.json, the grader's event stream and <c>--json</c> output.</summary>
public static class LabJson
{
    /// <summary>camelCase names, enums as strings, indented (lab.json is written by people).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // README sections are "§2" and messages quote code: keep them readable in --json output and the store.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Same as <see cref="Options"/> on one line (the event stream).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Serialises a verdict for <c>dlpath lab check --json</c> and the progress store.</summary>
    public static string Serialize<T>(T value, bool indented = true) =>
        JsonSerializer.Serialize(value, indented ? Options : Compact);
}
