using System.Text.Json;
using System.Text.Json.Serialization;

namespace DlPath.Course.Roadmap;

/// <summary>
/// The guide as data: both phases, every module and task in the guide's order, with budgets, resources,
/// checkpoints, milestones, prerequisites, C# counterparts and DlPath practice items. The data lives in
/// <c>Roadmap/roadmap.json</c>, embedded in the assembly; <see cref="Load"/> parses and validates it.
/// </summary>
public sealed record Guide
{
    /// <summary>The data format this code reads; a file with another format number is refused.</summary>
    public const int SupportedFormat = 1;

    private static readonly Lazy<Guide> s_embedded = new(LoadEmbeddedCore);

    private IReadOnlyList<RoadmapTask> _tasks = [];
    private Dictionary<string, RoadmapTask> _byId = new(StringComparer.Ordinal);

    /// <summary>Data format number (see <see cref="SupportedFormat"/>).</summary>
    public required int Format { get; init; }

    /// <summary>Version of the content (changes whenever tasks, budgets or links change).</summary>
    public required string Version { get; init; }

    /// <summary>Title of the path.</summary>
    public required string Title { get; init; }

    /// <summary>Which guide this follows and how DlPath adapts it, in a sentence.</summary>
    public required string Source { get; init; }

    /// <summary>The weekly hours the guide assumes (20: six months).</summary>
    public required double HoursPerWeek { get; init; }

    /// <summary>The two phases.</summary>
    public required IReadOnlyList<RoadmapPhase> Phases { get; init; }

    /// <summary>Where to go after the six months.</summary>
    public IReadOnlyList<WhatNextItem> WhatNext { get; init; } = [];

    /// <summary>The guide's protips, in DlPath's words.</summary>
    public IReadOnlyList<string> Protips { get; init; } = [];

    /// <summary>Further resources the guide recommends.</summary>
    public IReadOnlyList<Resource> OtherResources { get; init; } = [];

    /// <summary>Every task in the guide's order.</summary>
    [JsonIgnore]
    public IReadOnlyList<RoadmapTask> Tasks => _tasks;

    /// <summary>Sum of all task budgets in hours.</summary>
    [JsonIgnore]
    public double TotalHours => _tasks.Sum(t => t.Hours);

    /// <summary>The roadmap shipped with DlPath (parsed and validated once).</summary>
    public static Guide Load() => s_embedded.Value;

    /// <summary>Parses and validates roadmap JSON; throws <see cref="RoadmapException"/> listing every problem.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the data in error messages (a file name).</param>
    public static Guide Parse(string json, string source = "roadmap.json")
    {
        Guide? roadmap;
        try
        {
            roadmap = JsonSerializer.Deserialize<Guide>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new RoadmapException(source, [$"not valid roadmap JSON{where}: {e.Message}"]);
        }

        if (roadmap is null)
        {
            throw new RoadmapException(source, ["the file holds JSON null, not a roadmap"]);
        }

        var problems = RoadmapValidator.Validate(roadmap);
        if (problems.Count > 0)
        {
            throw new RoadmapException(source, problems);
        }

        roadmap.Index();
        return roadmap;
    }

    /// <summary>The task with this id, or null.</summary>
    public RoadmapTask? Find(string id) => _byId.GetValueOrDefault(id.Trim());

    /// <summary>
    /// The task with this id; otherwise throws <see cref="UnknownTaskException"/> whose message suggests the
    /// closest ids ("did you mean ml/week3?").
    /// </summary>
    public RoadmapTask Get(string id) =>
        Find(id) ?? throw new UnknownTaskException(id, TaskIdSuggester.Suggest(id, _tasks.Select(t => t.Id)));

    /// <summary>Options used to read the data: camelCase, string enums, unknown members are errors (typos).</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private void Index()
    {
        var all = new List<RoadmapTask>();
        for (var p = 0; p < Phases.Count; p++)
        {
            var phase = Phases[p];
            phase.Number = p + 1;
            foreach (var module in phase.Modules)
            {
                foreach (var task in module.Tasks)
                {
                    task.Module = module;
                    task.Phase = phase;
                    task.Order = all.Count;
                    all.Add(task);
                }
            }
        }

        _tasks = all;
        _byId = all.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    private static Guide LoadEmbeddedCore()
    {
        const string name = "DlPath.Course.Roadmap.roadmap.json";
        using var stream = typeof(Guide).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from DlPath.Course");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded roadmap.json");
    }
}
