using DlPath.LabHost.Checks;

namespace DlPath.LabHost;

/// <summary>Every lab's check implementations, by lab id.</summary>
public static class CheckRegistry
{
    private static readonly Dictionary<string, LabChecks> ByLab = new LabChecks[]
    {
        new TensorsChecks(),
        new MicrogradChecks(),
        new LinearClassifierChecks(),
        new LayersChecks(),
        new OptimChecks(),
        new DropoutChecks(),
        new BatchNormChecks(),
        new CnnChecks(),
        new RnnChecks(),
        new AttentionChecks(),
    }.ToDictionary(c => c.LabId, StringComparer.Ordinal);

    /// <summary>All labs with checks.</summary>
    public static IReadOnlyCollection<string> LabIds => ByLab.Keys;

    /// <summary>The checks of <paramref name="labId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The grader has no checks for that lab.</exception>
    public static LabChecks For(string labId) => ByLab.TryGetValue(labId, out var c)
        ? c
        : throw new KeyNotFoundException($"the grader has no checks for lab '{labId}'");
}
