using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlPath.Course.Progress;

/// <summary>
/// Everything the progress store holds, as written by <c>dlpath export</c> and read by <c>dlpath import</c>.
/// Export → import → export gives the same bytes: rows keep their order, times are UTC with millisecond
/// precision, and nothing time-dependent (such as the export time) is written.
/// </summary>
public sealed record ProgressSnapshot
{
    /// <summary>The value of <see cref="Format"/> in every export.</summary>
    public const string FormatName = "dlpath-progress";

    /// <summary>The export format version this DlPath writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <c>dlpath-progress</c>: tells our files from other JSON.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Export format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Task states, ordered by task id.</summary>
    public IReadOnlyList<TaskRow> Tasks { get; init; } = [];

    /// <summary>Every logged hours entry, in the order they were logged.</summary>
    public IReadOnlyList<HoursRow> Hours { get; init; } = [];

    /// <summary>Every lab result, in the order they were recorded.</summary>
    public IReadOnlyList<LabResultRow> LabResults { get; init; } = [];

    /// <summary>Every review, in the order they were recorded.</summary>
    public IReadOnlyList<ReviewRow> Reviews { get; init; } = [];

    /// <summary>Settings such as the plan's start and weekly hours, ordered by key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>snake_case JSON, indented, UTF-8 without escaping non-ASCII text.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The snapshot as export JSON (ends with a newline).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads export JSON; throws <see cref="StoreException"/> (Invalid) naming the problem.</summary>
    public static ProgressSnapshot FromJson(string json, string source)
    {
        ProgressSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<ProgressSnapshot>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new StoreException(StoreErrorKind.Invalid, $"{source} is not a DlPath progress export{where}: {e.Message}", e);
        }

        if (snapshot is null || snapshot.Format != FormatName)
        {
            throw new StoreException(StoreErrorKind.Invalid, $"{source} is not a DlPath progress export (its \"format\" is not \"{FormatName}\")");
        }

        if (snapshot.Version > CurrentVersion)
        {
            throw new StoreException(StoreErrorKind.Newer,
                $"{source} was exported by a newer DlPath (export version {snapshot.Version}; this DlPath reads up to {CurrentVersion}). Update dlpath to import it.");
        }

        return snapshot;
    }

    /// <summary>A task state row.</summary>
    public sealed record TaskRow(string Id, string State, DateTimeOffset UpdatedAt);

    /// <summary>An hours row.</summary>
    public sealed record HoursRow(DateOnly Date, string Task, double Hours, string? Note, DateTimeOffset LoggedAt);

    /// <summary>A lab result row.</summary>
    public sealed record LabResultRow(string LabId, bool Passed, double Score, string DetailsJson, DateTimeOffset At);

    /// <summary>A review row.</summary>
    public sealed record ReviewRow(string CardId, int Rating, DateTimeOffset ReviewedAt, double ElapsedDays, string StateJson);
}
