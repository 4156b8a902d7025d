namespace DlPath.Learn.Trees;

/// <summary>Impurity measure a tree minimises (scikit-learn's <c>criterion</c>).</summary>
public enum SplitCriterion
{
    /// <summary>Gini impurity 1 − Σ p_k² (classification default).</summary>
    Gini,

    /// <summary>Entropy −Σ p_k log₂ p_k (information gain).</summary>
    Entropy,

    /// <summary>Variance of the targets (regression, scikit-learn's <c>squared_error</c>).</summary>
    SquaredError,
}
