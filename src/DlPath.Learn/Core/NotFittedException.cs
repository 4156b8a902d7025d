namespace DlPath.Learn;

/// <summary>Thrown when an estimator is used before <c>Fit</c> (scikit-learn's <c>NotFittedError</c>).</summary>
public sealed class NotFittedException : InvalidOperationException
{
    /// <summary>Creates the exception for an estimator and the call that needed it fitted.</summary>
    public NotFittedException(string estimator, string operation)
        : base($"{estimator}.{operation}: this {estimator} is not fitted yet; call Fit(X, y) first")
    {
        Estimator = estimator;
    }

    /// <summary>The estimator's type name.</summary>
    public string Estimator { get; }
}
