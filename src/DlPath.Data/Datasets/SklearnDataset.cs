namespace DlPath.Data.Datasets;

/// <summary>A classification dataset in scikit-learn's <c>load_*</c> shape.</summary>
/// <param name="Name">"iris", "digits", "wine" or "breast_cancer".</param>
/// <param name="Features">The samples, <c>[n_samples, n_features]</c> (sklearn's <c>data</c>).</param>
/// <param name="Target">The class index of each sample (sklearn's <c>target</c>).</param>
/// <param name="FeatureNames">One name per feature column, as scikit-learn names them.</param>
/// <param name="TargetNames">The class names, by index.</param>
public sealed record SklearnDataset(string Name, double[,] Features, int[] Target, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> TargetNames)
{
    /// <summary>Number of samples.</summary>
    public int SampleCount => Features.GetLength(0);

    /// <summary>Number of features.</summary>
    public int FeatureCount => Features.GetLength(1);
}
