using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Counts of (true class, predicted class) pairs for a classifier with <see cref="Classes"/> classes:
/// <c>Counts[t, p]</c> is how many samples of class t were predicted as p (rows true, columns predicted, as
/// scikit-learn's <c>confusion_matrix</c>). Feed it batches with <see cref="Update"/>.
/// </summary>
public sealed class ConfusionMatrix
{
    /// <summary>An all-zero matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Classes = classes;
        Counts = new long[classes, classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>The counts, rows = true class, columns = predicted class.</summary>
    public long[,] Counts { get; }

    /// <summary>All samples counted.</summary>
    public long Total { get; private set; }

    /// <summary>The fraction on the diagonal (NaN when empty).</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int i = 0; i < Classes; i++) correct += Counts[i, i];
            return Total == 0 ? double.NaN : (double)correct / Total;
        }
    }

    /// <summary>Adds a batch: scores (N, C) with C = <see cref="Classes"/> and int64 targets (N).</summary>
    public void Update(Tensor output, Tensor target)
    {
        var predicted = Predictions.ArgMaxRows(output, target, "ConfusionMatrix");
        if (output.Size(1) != Classes) throw new ShapeException($"ConfusionMatrix: {Classes} classes, but the output {output.ShapeString} scores {output.Size(1)}");
        var labels = target.Contiguous().AsSpan<long>();
        for (int i = 0; i < predicted.Length; i++)
        {
            long t = labels[i];
            if (t < 0 || t >= Classes) throw new ArgumentException($"ConfusionMatrix: target {t} at row {i} is not a class index in [0, {Classes})");
            Counts[t, predicted[i]]++;
        }

        Total += predicted.Length;
    }
}
