using System.Text.RegularExpressions;

namespace DlPath.Course.Roadmap;

/// <summary>
/// Checks the roadmap data: ids unique and well formed, every task budgeted, links absolute http(s),
/// prerequisites known, earlier in the guide and acyclic, practice ids known to DlPath.
/// </summary>
public static partial class RoadmapValidator
{
    /// <summary>The labs DlPath ships (see labs/).</summary>
    public static readonly IReadOnlySet<string> KnownLabs = new HashSet<string>(StringComparer.Ordinal)
    {
        "tensors", "micrograd", "linear-classifiers", "layers", "optim", "dropout", "batchnorm", "cnn", "rnn", "attention",
    };

    /// <summary>The end-to-end projects DlPath ships (see examples/).</summary>
    public static readonly IReadOnlySet<string> KnownProjects = new HashSet<string>(StringComparer.Ordinal) { "titanic", "fashion-mnist" };

    /// <summary>The ML course's exercises DlPath ships on their original data.</summary>
    public static readonly IReadOnlySet<string> KnownExercises = new HashSet<string>(
        Enumerable.Range(1, 8).Select(i => $"ml/ex{i}"), StringComparer.Ordinal);

    /// <summary>The interview and theory review decks.</summary>
    public static readonly IReadOnlySet<string> KnownDecks = new HashSet<string>(StringComparer.Ordinal) { "math", "ml", "dl", "dsa" };

    /// <summary>Every problem found, one line each; empty when the roadmap is valid.</summary>
    public static IReadOnlyList<string> Validate(Guide roadmap)
    {
        var problems = new List<string>();
        if (roadmap.Format != Guide.SupportedFormat)
        {
            problems.Add($"format {roadmap.Format} is not supported (this DlPath reads format {Guide.SupportedFormat})");
        }

        if (string.IsNullOrWhiteSpace(roadmap.Version))
        {
            problems.Add("version is empty");
        }

        if (roadmap.HoursPerWeek is <= 0 or > 100)
        {
            problems.Add($"hoursPerWeek {roadmap.HoursPerWeek} is outside 0..100");
        }

        if (roadmap.Phases.Count == 0)
        {
            problems.Add("there are no phases");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var tasks = new List<RoadmapTask>();
        foreach (var phase in roadmap.Phases)
        {
            Unique(phase.Id, $"phase '{phase.Id}'");
            if (phase.Modules.Count == 0)
            {
                problems.Add($"phase '{phase.Id}' has no modules");
            }

            foreach (var module in phase.Modules)
            {
                Unique(module.Id, $"module '{module.Id}'");
                if (string.IsNullOrWhiteSpace(module.Budget))
                {
                    problems.Add($"module '{module.Id}' has no budget");
                }

                if (module.Tasks.Count == 0)
                {
                    problems.Add($"module '{module.Id}' has no tasks");
                }

                foreach (var task in module.Tasks)
                {
                    var where = $"task '{task.Id}'";
                    Unique(task.Id, where);
                    if (!TaskId().IsMatch(task.Id))
                    {
                        problems.Add($"{where}: id must look like 'module/name' in lower case (a-z, 0-9, '-')");
                    }
                    else if (!task.Id.StartsWith(module.Id + "/", StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: id must start with its module's id '{module.Id}/'");
                    }

                    if (string.IsNullOrWhiteSpace(task.Title) || string.IsNullOrWhiteSpace(task.Summary))
                    {
                        problems.Add($"{where}: title and summary are required");
                    }

                    if (!(task.Hours > 0) || task.Hours > 200)
                    {
                        problems.Add($"{where}: hours {task.Hours} must be > 0 and <= 200 (every task needs a budget)");
                    }

                    if (task.Resources.Count == 0)
                    {
                        problems.Add($"{where}: has no resources");
                    }

                    foreach (var r in task.Resources)
                    {
                        CheckResource(r, where);
                    }

                    foreach (var tool in task.Tools)
                    {
                        if (string.IsNullOrWhiteSpace(tool.Python) || string.IsNullOrWhiteSpace(tool.CSharp) || string.IsNullOrWhiteSpace(tool.DlPath))
                        {
                            problems.Add($"{where}: a tool counterpart needs python, csharp and dlpath");
                        }
                    }

                    foreach (var item in task.Practice)
                    {
                        var known = item.Kind switch
                        {
                            PracticeKind.Lab => KnownLabs,
                            PracticeKind.Project => KnownProjects,
                            PracticeKind.Exercise => KnownExercises,
                            _ => KnownDecks,
                        };
                        if (!known.Contains(item.Id))
                        {
                            problems.Add($"{where}: unknown {item} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                        }
                    }

                    order[task.Id] = tasks.Count;
                    tasks.Add(task);
                }
            }
        }

        foreach (var task in tasks)
        {
            foreach (var pre in task.Prerequisites)
            {
                if (!order.TryGetValue(pre, out var preIndex))
                {
                    var hint = TaskIdSuggester.Suggest(pre, order.Keys);
                    problems.Add($"task '{task.Id}': unknown prerequisite '{pre}'"
                                 + (hint.Count > 0 ? $" (did you mean {string.Join(" or ", hint)}?)" : ""));
                }
                else if (preIndex >= order[task.Id])
                {
                    problems.Add($"task '{task.Id}': prerequisite '{pre}' comes later in the guide (the guide's order must respect prerequisites)");
                }
            }
        }

        var cycle = FindCycle(tasks);
        if (cycle is not null)
        {
            problems.Add($"prerequisites form a cycle: {string.Join(" -> ", cycle)}");
        }

        foreach (var item in roadmap.WhatNext)
        {
            foreach (var r in item.Resources)
            {
                CheckResource(r, $"what next '{item.Title}'");
            }
        }

        foreach (var r in roadmap.OtherResources)
        {
            CheckResource(r, "other resources");
        }

        return problems;

        void Unique(string id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{what}: id is empty");
            }
            else if (!ids.Add(id))
            {
                problems.Add($"{what}: id is used more than once");
            }
        }

        void CheckResource(Resource r, string where)
        {
            if (string.IsNullOrWhiteSpace(r.Title))
            {
                problems.Add($"{where}: a resource has no title ({r.Url})");
            }

            if (!IsWellFormedLink(r.Url))
            {
                problems.Add($"{where}: resource '{r.Title}' has a malformed link '{r.Url}' (absolute http or https expected)");
            }
        }
    }

    /// <summary>True for an absolute http(s) URL with a host and no spaces.</summary>
    public static bool IsWellFormedLink(string? url) =>
        url is not null
        && !url.Any(char.IsWhiteSpace)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>A prerequisite cycle as a list of ids (first == last), or null. Depth-first with colours.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyList<RoadmapTask> tasks)
    {
        var byId = new Dictionary<string, RoadmapTask>(StringComparer.Ordinal);
        foreach (var t in tasks)
        {
            byId.TryAdd(t.Id, t);
        }

        var colour = new Dictionary<string, int>(StringComparer.Ordinal); // 0 white, 1 grey, 2 black
        var stack = new List<string>();
        foreach (var t in tasks)
        {
            if (Visit(t.Id) is { } found)
            {
                return found;
            }
        }

        return null;

        List<string>? Visit(string id)
        {
            var c = colour.GetValueOrDefault(id);
            if (c == 2)
            {
                return null;
            }

            if (c == 1)
            {
                var start = stack.IndexOf(id);
                return [.. stack[start..], id];
            }

            colour[id] = 1;
            stack.Add(id);
            if (byId.TryGetValue(id, out var task))
            {
                foreach (var pre in task.Prerequisites)
                {
                    if (byId.ContainsKey(pre) && Visit(pre) is { } found)
                    {
                        return found;
                    }
                }
            }

            stack.RemoveAt(stack.Count - 1);
            colour[id] = 2;
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]
    private static partial Regex TaskId();
}
