namespace DlPath.Learn;

/// <summary>Anything with hyper-parameters that can be cloned unfitted (scikit-learn's <c>BaseEstimator</c>).</summary>
public interface IEstimator
{
    /// <summary>The hyper-parameters by name (as <c>get_params()</c>).</summary>
    IReadOnlyDictionary<string, object?> GetParams();

    /// <summary>Sets hyper-parameters by name (as <c>set_params(**params)</c>); returns this estimator.</summary>
    IEstimator SetParams(IReadOnlyDictionary<string, object?> parameters);

    /// <summary>A new, unfitted estimator with the same hyper-parameters (as <c>sklearn.base.clone</c>).</summary>
    IEstimator Clone();

    /// <summary>True once <c>Fit</c> has run.</summary>
    bool IsFitted { get; }
}
