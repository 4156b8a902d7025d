namespace DlPath.Course.Labs;

/// <summary>The kinds of graded check a lab.json may list (DESIGN.md, Testing).</summary>
public static class CheckKinds
{
    /// <summary>Centered-difference gradient check in float64 against the learner's backward.</summary>
    public const string GradCheck = "gradcheck";

    /// <summary>Hard-coded expected outputs on deterministic (linspace-style) inputs.</summary>
    public const string Expected = "expected";

    /// <summary>Agreement with DlPath's own implementation (forward values, autograd gradients).</summary>
    public const string CompareDlPath = "compare-dlpath";

    /// <summary>A naive and a vectorised version agree; their timing is reported.</summary>
    public const string NaiveVsVectorised = "naive-vs-vectorised";

    /// <summary>A behavioural gate (loss ≈ ln C at initialisation, overfitting a small set, train vs eval).</summary>
    public const string Behaviour = "behaviour";

    /// <summary>All kinds.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        GradCheck, Expected, CompareDlPath, NaiveVsVectorised, Behaviour,
    };
}
