namespace DlPath.Learn.Metrics;

/// <summary>How per-class precision, recall and F1 are combined (scikit-learn's <c>average</c>).</summary>
public enum Average
{
    /// <summary>Only the positive class (labels 0/1, positive = 1 unless told otherwise).</summary>
    Binary,

    /// <summary>Unweighted mean over classes.</summary>
    Macro,

    /// <summary>Mean over classes weighted by each class's support.</summary>
    Weighted,

    /// <summary>Computed from the total true positives, false negatives and false positives.</summary>
    Micro,
}
