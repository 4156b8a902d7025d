using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The JSON form of an exercise result (<c>dlpath course ml exN --json</c>): one object whose property names are the
/// result's properties in snake_case (<c>cost_at_zero</c>, <c>theta_gradient_descent</c>), stable across releases.
/// </summary>
public static class ExerciseJson
{
    /// <summary>The serializer options: snake_case names, indented, NaN/Infinity written as named literals, and text
    /// (movie titles with apostrophes, σ and λ) written as is rather than as \u escapes, since the output is read by people and tools alike.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serialises a result object.</summary>
    public static string Serialize(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, result.GetType(), Options);
    }
}
