namespace DlPath.NN;

/// <summary>Multiplies the rate by γ every <c>stepSize</c> steps (<c>StepLR</c>): lr_t = lr_0·γ^⌊t/stepSize⌋.</summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule (γ defaults to 0.1).</summary>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: step_size must be positive");
        (StepSize, Gamma) = (stepSize, gamma);
        InitialStep();
    }

    /// <summary>Period of the decay.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lrs = CurrentLrs();
        if (LastEpoch == 0 || LastEpoch % StepSize != 0) return lrs;
        return lrs.Select(lr => lr * Gamma).ToArray();
    }
}
