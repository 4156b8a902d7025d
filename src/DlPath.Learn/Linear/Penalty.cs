namespace DlPath.Learn.Linear;

/// <summary>Regularisation of <see cref="LogisticRegression"/>'s weights.</summary>
public enum Penalty
{
    /// <summary>λ/2 ‖w‖² with λ = 1/C (scikit-learn's default <c>penalty='l2'</c>).</summary>
    L2,

    /// <summary>No regularisation.</summary>
    None,
}
