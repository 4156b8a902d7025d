using System.Text.Json;
using System.Text.RegularExpressions;

namespace DlPath.Course.Labs;

/// <summary>Reads and validates <c>labs/&lt;id&gt;/lab.json</c>.</summary>
public static partial class LabLoader
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]+(/[a-z0-9-]+)+$")]
    private static partial Regex TaskPattern();

    /// <summary>Loads the lab in <paramref name="labDirectory"/> and validates it.</summary>
    /// <exception cref="LabFormatException">The folder or lab.json breaks the lab format.</exception>
    public static LabDefinition Load(string labDirectory)
    {
        var file = Path.Combine(labDirectory, "lab.json");
        if (!File.Exists(file)) throw new LabFormatException($"{file}: missing (every lab folder has a lab.json)");
        LabDefinition? lab;
        try
        {
            lab = JsonSerializer.Deserialize<LabDefinition>(File.ReadAllText(file), LabJson.Options);
        }
        catch (JsonException e)
        {
            throw new LabFormatException($"{file}: {e.Message}", e);
        }

        if (lab is null) throw new LabFormatException($"{file}: empty");
        lab = lab with { Directory = Path.GetFullPath(labDirectory) };
        var problems = Validate(lab);
        if (problems.Count > 0) throw new LabFormatException($"{file}: {string.Join("; ", problems)}");
        return lab;
    }

    /// <summary>Every way <paramref name="lab"/> breaks the format (empty when it is valid).</summary>
    public static IReadOnlyList<string> Validate(LabDefinition lab)
    {
        var problems = new List<string>();
        if (!IdPattern().IsMatch(lab.Id)) problems.Add($"id '{lab.Id}' must be lower-case words joined by '-'");
        var folder = Path.GetFileName(lab.Directory.TrimEnd(Path.DirectorySeparatorChar));
        if (lab.Directory.Length > 0 && folder != lab.Id) problems.Add($"id '{lab.Id}' differs from its folder name '{folder}'");
        if (!TaskPattern().IsMatch(lab.Task)) problems.Add($"task '{lab.Task}' is not a roadmap task id like 'dls/course2'");
        if (lab.Checks.Count == 0) problems.Add("checks: a lab needs at least one check");
        if (lab.TimeLimitSeconds <= 0) problems.Add("timeLimitSeconds must be positive");
        if (lab.MemoryLimitMiB < 64) problems.Add("memoryLimitMiB must be at least 64");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in lab.Checks)
        {
            if (!seen.Add(check.Id)) problems.Add($"checks: id '{check.Id}' appears twice");
            if (!CheckKinds.All.Contains(check.Kind))
                problems.Add($"checks['{check.Id}'].kind '{check.Kind}' is not one of {string.Join(", ", CheckKinds.All)}");
            if (!(check.Tolerance > 0)) problems.Add($"checks['{check.Id}'].tolerance must be positive");
            if (string.IsNullOrWhiteSpace(check.Hint)) problems.Add($"checks['{check.Id}'].hint is empty (say what usually goes wrong)");
            if (check.Kind == CheckKinds.Expected && check.Expected.Count == 0)
                problems.Add($"checks['{check.Id}'] is an 'expected' check without expected values");
        }

        foreach (var hint in lab.Hints)
        {
            if (string.IsNullOrWhiteSpace(hint.Text)) problems.Add($"hints['{hint.Mistake}'].text is empty");
            foreach (var id in hint.Checks.Where(id => !seen.Contains(id)))
                problems.Add($"hints['{hint.Mistake}'] names unknown check '{id}'");
        }

        if (lab.Directory.Length > 0)
        {
            if (!File.Exists(lab.ReadmePath)) problems.Add("README.md (the lesson) is missing");
            if (!File.Exists(Path.Combine(lab.StarterDirectory, lab.Project)))
                problems.Add($"starter/{lab.Project} is missing");
        }

        return problems;
    }
}
