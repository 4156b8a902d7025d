namespace DlPath.Learn.Trees;

/// <summary>How many features a tree considers at each split.</summary>
public enum MaxFeatures
{
    /// <summary>All d features (in random order, which only matters for ties).</summary>
    All,

    /// <summary>⌊√d⌋ features drawn at random (random forest classifiers' default).</summary>
    Sqrt,

    /// <summary>⌊log₂ d⌋ features drawn at random.</summary>
    Log2,
}
