using DlPath.Course.Labs;

namespace DlPath.LabHost;

/// <summary>What a check implementation gets: its lab.json entry and the learner's code.</summary>
/// <param name="Lab">The lab.</param>
/// <param name="Definition">The check's lab.json entry (tolerance, expected values).</param>
/// <param name="Subject">The learner's code.</param>
public sealed record CheckContext(LabDefinition Lab, CheckDefinition Definition, LabSubject Subject)
{
    /// <summary>The check's tolerance.</summary>
    public double Tolerance => Definition.Tolerance;

    /// <summary>Expected values named <paramref name="name"/> from lab.json.</summary>
    public double[] Expected(string name) => Definition.Expected.TryGetValue(name, out var v)
        ? v
        : throw new InvalidOperationException($"lab.json check '{Definition.Id}' has no expected values named '{name}'");
}
