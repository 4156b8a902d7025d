namespace DlPath.Learn;

/// <summary>A classifier: adds the sorted class labels and class probabilities.</summary>
public interface IClassifier : IPredictor
{
    /// <summary>The distinct labels seen by <c>Fit</c>, ascending (scikit-learn's <c>classes_</c>).</summary>
    double[] Classes { get; }

    /// <summary>Probability of each class, <c>[n, n_classes]</c>, columns in <see cref="Classes"/> order.</summary>
    double[,] PredictProba(double[,] x);
}
