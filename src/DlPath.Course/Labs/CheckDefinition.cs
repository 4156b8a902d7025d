namespace DlPath.Course.Labs;

/// <summary>One graded check of a lab (an entry of <c>checks</c> in lab.json).</summary>
public sealed record CheckDefinition
{
    /// <summary>Check id, unique in its lab; the grader's implementation is registered under it.</summary>
    public required string Id { get; init; }

    /// <summary>What the check verifies, in a few words.</summary>
    public required string Title { get; init; }

    /// <summary>gradcheck, expected, compare-dlpath, naive-vs-vectorised or behaviour.</summary>
    public required string Kind { get; init; }

    /// <summary>Largest accepted relative error (for numeric checks).</summary>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>The README section the check grades (<c>§2 Affine backward</c>).</summary>
    public string Section { get; init; } = "";

    /// <summary>The hint shown when the check fails and no specific mistake was detected.</summary>
    public string Hint { get; init; } = "";

    /// <summary>Whether the lab passes only if this check passes (false: reported, not required).</summary>
    public bool Required { get; init; } = true;

    /// <summary>Expected values for <c>expected</c> checks, by name (flattened, row-major).</summary>
    public IReadOnlyDictionary<string, double[]> Expected { get; init; } = new Dictionary<string, double[]>();
}
