namespace DlPath.NN;

/// <summary>
/// Linear warm-up (<c>LinearLR</c>): the rate is scaled by a factor going linearly from <c>startFactor</c> (1/3) to
/// <c>endFactor</c> (1) over <c>totalIters</c> (5) steps, then stays.
/// </summary>
public sealed class LinearLR : LRScheduler
{
    /// <summary>Creates the schedule.</summary>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5)
        : base(optimizer)
    {
        if (startFactor is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "LinearLR: start_factor must be in (0, 1]");
        if (endFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "LinearLR: end_factor must be in [0, 1]");
        (StartFactor, EndFactor, TotalIters) = (startFactor, endFactor, totalIters);
        InitialStep();
    }

    /// <summary>Factor at step 0.</summary>
    public double StartFactor { get; }

    /// <summary>Factor from step <see cref="TotalIters"/> on.</summary>
    public double EndFactor { get; }

    /// <summary>Length of the ramp.</summary>
    public int TotalIters { get; }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lrs = CurrentLrs();
        if (LastEpoch == 0) return lrs.Select(lr => lr * StartFactor).ToArray();
        if (LastEpoch > TotalIters) return lrs;
        double factor = 1 + ((EndFactor - StartFactor) / ((TotalIters * StartFactor) + ((LastEpoch - 1) * (EndFactor - StartFactor))));
        return lrs.Select(lr => lr * factor).ToArray();
    }
}
