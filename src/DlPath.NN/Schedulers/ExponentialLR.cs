namespace DlPath.NN;

/// <summary>Multiplies the rate by γ every step (<c>ExponentialLR</c>): lr_t = lr_0·γ^t.</summary>
public sealed class ExponentialLR : LRScheduler
{
    /// <summary>Creates the schedule.</summary>
    public ExponentialLR(Optimizer optimizer, double gamma)
        : base(optimizer)
    {
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>Decay factor per step.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double[] ComputeLr() => LastEpoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Gamma).ToArray();
}
