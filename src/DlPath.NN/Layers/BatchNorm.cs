using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// The shared part of BatchNorm1d and BatchNorm2d (torch's <c>_BatchNorm</c>): affine weight (ones) and bias
/// (zeros), running mean (zeros) and variance (ones) buffers, a batch counter; momentum 0.1, eps 1e-5. With a null
/// momentum the running statistics are a cumulative average (factor 1/num_batches_tracked), as in torch.
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    protected BatchNorm(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType dtype)
    {
        if (numFeatures <= 0) throw new ArgumentException($"{GetType().Name}: num_features must be positive, got {numFeatures}");
        (NumFeatures, Eps, Momentum) = (numFeatures, eps, momentum);
        Weight = affine ? new Parameter(Tensor.Ones([numFeatures], dtype)) : null;
        Bias = affine ? new Parameter(Tensor.Zeros([numFeatures], dtype)) : null;
        if (trackRunningStats)
        {
            RunningMean = new Buffer(Tensor.Zeros([numFeatures], dtype));
            RunningVar = new Buffer(Tensor.Ones([numFeatures], dtype));
            NumBatchesTracked = new Buffer(Tensor.Zeros([], DType.Int64));
        }
    }

    /// <summary>Per-channel scale γ (null without affine).</summary>
    public Parameter? Weight { get; }

    /// <summary>Per-channel shift β (null without affine).</summary>
    public Parameter? Bias { get; }

    /// <summary>Running mean used in evaluation (null without running statistics).</summary>
    public Buffer? RunningMean { get; }

    /// <summary>Running (unbiased) variance used in evaluation.</summary>
    public Buffer? RunningVar { get; }

    /// <summary>Number of training batches seen (int64 scalar).</summary>
    public Buffer? NumBatchesTracked { get; }

    /// <summary>Channels.</summary>
    public int NumFeatures { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>Checks the input's rank for the 1-D or 2-D variant.</summary>
    protected abstract void CheckInput(Tensor input);

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        if (input.Shape[1] != NumFeatures)
        {
            throw new ShapeException($"{GetType().Name}: expected {NumFeatures} channels in dim 1, got input {input.ShapeString}");
        }

        double factor = Momentum ?? 0;
        bool useBatchStats = Training || RunningMean is null;
        if (Training && NumBatchesTracked is not null)
        {
            using (Tensor.NoGrad()) NumBatchesTracked.Value.CopyFrom(NumBatchesTracked.Value + 1);
            if (Momentum is null) factor = 1.0 / NumBatchesTracked.Value.Item();
        }

        return Functional.BatchNorm(
            input,
            RunningMean?.Value,
            RunningVar?.Value,
            Weight?.Value,
            Bias?.Value,
            useBatchStats,
            factor,
            Eps);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{NumFeatures}, eps={Eps}, momentum={(Momentum is null ? "None" : Momentum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}, affine={Py(Weight is not null)}, track_running_stats={Py(RunningMean is not null)}";
}
