namespace DlPath.Learn;

/// <summary>
/// Base of classifiers: validates inputs, maps labels to class indices 0..K-1 (sorted labels, as
/// scikit-learn's <c>classes_</c>), predicts the most probable class and scores by accuracy.
/// </summary>
public abstract class Classifier : Estimator, IClassifier
{
    /// <inheritdoc />
    public double[] Classes { get; private set; } = [];

    /// <summary>Number of features seen by <c>Fit</c>.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>Minimum number of classes this classifier accepts.</summary>
    protected virtual int MinClasses => 2;

    /// <inheritdoc />
    public IPredictor Fit(double[,] x, double[] y)
    {
        Check.Xy($"{Name}.Fit", x, y);
        var (classes, index) = LabelIndex.Encode(y);
        if (classes.Length < MinClasses)
        {
            throw new ArgumentException($"{Name}.Fit: y has {classes.Length} distinct class(es); need at least {MinClasses}");
        }
        Classes = classes;
        FeatureCount = x.GetLength(1);
        FitCore(x, index, classes.Length);
        IsFitted = true;
        return this;
    }

    /// <inheritdoc />
    public double[] Predict(double[,] x)
    {
        EnsureFitted("Predict");
        Check.Features($"{Name}.Predict", x, FeatureCount);
        var idx = PredictIndex(x);
        var result = new double[idx.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            result[i] = Classes[idx[i]];
        }
        return result;
    }

    /// <inheritdoc />
    public double[,] PredictProba(double[,] x)
    {
        EnsureFitted("PredictProba");
        Check.Features($"{Name}.PredictProba", x, FeatureCount);
        return ProbaCore(x);
    }

    /// <summary>The mean accuracy on (x, y).</summary>
    public double Score(double[,] x, double[] y) => Metrics.ClassificationMetrics.Accuracy(y, Predict(x));

    /// <summary>Marks a classifier fitted by an ensemble that trained it directly (classes and feature count given).</summary>
    internal void SetFitted(double[] classes, int featureCount)
    {
        Classes = classes;
        FeatureCount = featureCount;
        IsFitted = true;
    }

    /// <summary>Fits on validated inputs; <paramref name="y"/> holds class indices 0..<paramref name="classCount"/>-1.</summary>
    protected abstract void FitCore(double[,] x, int[] y, int classCount);

    /// <summary>Class probabilities on validated inputs.</summary>
    protected abstract double[,] ProbaCore(double[,] x);

    /// <summary>The predicted class index of each row; by default the most probable class.</summary>
    protected virtual int[] PredictIndex(double[,] x) => LinAlg.ArgMaxRows(ProbaCore(x));
}
