namespace DlPath.Course.Roadmap;

/// <summary>One of the guide's two phases.</summary>
public sealed record RoadmapPhase
{
    /// <summary>Stable id (<c>phase1</c>, <c>phase2</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>What the phase is for.</summary>
    public required string Summary { get; init; }

    /// <summary>Modules in the guide's order.</summary>
    public required IReadOnlyList<RoadmapModule> Modules { get; init; }

    /// <summary>1-based number of the phase.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Number { get; internal set; }
}
