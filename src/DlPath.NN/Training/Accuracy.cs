using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Classification accuracy: the fraction of samples whose highest-scoring class (argmax of the output's last
/// dimension) equals the class-index target, as <c>(model(x).argmax(1) == y).float().mean()</c>. Outputs (N, C)
/// with int64 targets (N); ties go to the first maximum, as torch's argmax.
/// </summary>
public sealed class Accuracy : Metric
{
    private long _correct;
    private long _total;

    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <summary>Samples counted since the last reset.</summary>
    public long Total => _total;

    /// <summary>Correctly classified samples since the last reset.</summary>
    public long Correct => _correct;

    /// <inheritdoc/>
    public override void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc/>
    public override void Update(Tensor output, Tensor target)
    {
        var predicted = Predictions.ArgMaxRows(output, target, "Accuracy");
        var labels = target.Contiguous().AsSpan<long>();
        for (int i = 0; i < predicted.Length; i++)
        {
            if (predicted[i] == labels[i]) _correct++;
        }

        _total += predicted.Length;
    }

    /// <inheritdoc/>
    public override double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;
}
