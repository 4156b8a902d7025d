namespace DlPath.Learn.Linear;

/// <summary>How <see cref="LinearRegression"/> finds θ.</summary>
public enum LinearSolver
{
    /// <summary>θ = pinv(X) y: the normal equation solved by SVD (least squares, also when X is rank deficient).</summary>
    NormalEquation,

    /// <summary>Batch gradient descent on the squared-error cost (the course's ex1).</summary>
    GradientDescent,
}
