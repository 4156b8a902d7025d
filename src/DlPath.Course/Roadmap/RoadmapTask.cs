using System.Text.Json.Serialization;

namespace DlPath.Course.Roadmap;

/// <summary>One task of the guide: the unit the planner schedules and the progress store tracks.</summary>
public sealed record RoadmapTask
{
    /// <summary>Stable id, <c>module/name</c> (for example <c>ml/week3</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Short title.</summary>
    public required string Title { get; init; }

    /// <summary>What the task covers, in DlPath's words.</summary>
    public required string Summary { get; init; }

    /// <summary>Planning budget in hours (the guide's budget for the module, shared out across its tasks).</summary>
    public required double Hours { get; init; }

    /// <summary>Ids of tasks that must be done (or skipped) before this one starts.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    /// <summary>Where to learn it.</summary>
    public IReadOnlyList<Resource> Resources { get; init; } = [];

    /// <summary>The Python tools this task uses in the guide and their C# counterparts.</summary>
    public IReadOnlyList<ToolCounterpart> Tools { get; init; } = [];

    /// <summary>DlPath labs, projects, exercises or decks that practise this task.</summary>
    public IReadOnlyList<PracticeItem> Practice { get; init; } = [];

    /// <summary>The guide's "by now you should ..." checks, due when this task is done.</summary>
    public IReadOnlyList<string> Checkpoints { get; init; } = [];

    /// <summary>A milestone reached when this task is done (for example: start applying for internships).</summary>
    public string? Milestone { get; init; }

    /// <summary>The module this task belongs to (set when the roadmap is loaded).</summary>
    [JsonIgnore]
    public RoadmapModule Module { get; internal set; } = null!;

    /// <summary>The phase this task belongs to (set when the roadmap is loaded).</summary>
    [JsonIgnore]
    public RoadmapPhase Phase { get; internal set; } = null!;

    /// <summary>Zero-based position in the guide's order.</summary>
    [JsonIgnore]
    public int Order { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Title})";
}
