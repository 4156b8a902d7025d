using System.Text.Json.Serialization;

namespace DlPath.Course.Labs;

/// <summary>
/// A lab as <c>labs/&lt;id&gt;/lab.json</c> describes it: the checks the grader runs, their tolerances, the
/// hints tied to the usual mistakes, and the roadmap task a passed lab completes.
/// </summary>
public sealed record LabDefinition
{
    /// <summary>Lab id, also its folder name (<c>batchnorm</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Human title.</summary>
    public required string Title { get; init; }

    /// <summary>One-line summary shown by <c>dlpath lab list</c>.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Position in the suggested order (1-based).</summary>
    public int Order { get; init; }

    /// <summary>Roadmap task id this lab completes (<c>dls/course2</c>).</summary>
    public required string Task { get; init; }

    /// <summary>The starter project's file name inside <c>starter/</c> (<c>Lab.Batchnorm.csproj</c>).</summary>
    public required string Project { get; init; }

    /// <summary>Namespace of the learner's types; the grader binds <c>Class.Method</c> names inside it.</summary>
    public required string Namespace { get; init; }

    /// <summary>Wall-clock limit for grading in the child process, in seconds.</summary>
    public double TimeLimitSeconds { get; init; } = 20;

    /// <summary>Managed heap limit for the child process, in MiB.</summary>
    public int MemoryLimitMiB { get; init; } = 1024;

    /// <summary>The graded checks, in the order they run.</summary>
    public required IReadOnlyList<CheckDefinition> Checks { get; init; }

    /// <summary>Hints tied to a detected mistake.</summary>
    public IReadOnlyList<HintDefinition> Hints { get; init; } = [];

    /// <summary>The folder holding lab.json (set by the loader, not read from the file).</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    /// <summary>The starter folder.</summary>
    [JsonIgnore]
    public string StarterDirectory => Path.Combine(Directory, "starter");

    /// <summary>The lesson.</summary>
    [JsonIgnore]
    public string ReadmePath => Path.Combine(Directory, "README.md");

    /// <summary>The check with <paramref name="checkId"/>, or null.</summary>
    public CheckDefinition? FindCheck(string checkId) => Checks.FirstOrDefault(c => c.Id == checkId);

    /// <summary>
    /// The hint for a failed check: the one tied to the detected <paramref name="mistake"/> for that check (or
    /// for any check), else the check's own hint.
    /// </summary>
    public string? HintFor(string checkId, string? mistake)
    {
        if (mistake is not null)
        {
            var tied = Hints.FirstOrDefault(h => h.Mistake == mistake && h.Checks.Contains(checkId))
                ?? Hints.FirstOrDefault(h => h.Mistake == mistake && h.Checks.Count == 0);
            if (tied is not null) return tied.Text;
        }

        return FindCheck(checkId)?.Hint;
    }
}
