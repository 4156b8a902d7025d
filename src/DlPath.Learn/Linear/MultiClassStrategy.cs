namespace DlPath.Learn.Linear;

/// <summary>How <see cref="LogisticRegression"/> handles more than two classes (scikit-learn's <c>multi_class</c>).</summary>
public enum MultiClassStrategy
{
    /// <summary>As scikit-learn: multinomial whenever there are more than two classes.</summary>
    Auto,

    /// <summary>One binary classifier per class (the course's <c>oneVsAll</c>); probabilities normalised to sum to 1.</summary>
    OneVsRest,

    /// <summary>One softmax model over all classes.</summary>
    Multinomial,
}
