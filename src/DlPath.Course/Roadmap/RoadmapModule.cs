namespace DlPath.Course.Roadmap;

/// <summary>A module of the guide: a group of tasks with the guide's time budget for the whole group.</summary>
public sealed record RoadmapModule
{
    /// <summary>Stable id; every task id of the module starts with <c>id/</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>The guide's budget in its own words ("1 week", "4-6 weeks", ...).</summary>
    public required string Budget { get; init; }

    /// <summary>What the module is for.</summary>
    public required string Summary { get; init; }

    /// <summary>Tasks in the guide's order.</summary>
    public required IReadOnlyList<RoadmapTask> Tasks { get; init; }

    /// <summary>Sum of the tasks' planning budgets.</summary>
    public double Hours => Tasks.Sum(t => t.Hours);
}
