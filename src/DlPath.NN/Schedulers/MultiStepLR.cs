namespace DlPath.NN;

/// <summary>Multiplies the rate by γ at each milestone step (<c>MultiStepLR</c>); a repeated milestone applies γ that many times.</summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> _milestoneCounts;

    /// <summary>Creates the schedule (γ defaults to 0.1).</summary>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestoneCounts = milestones.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>Decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lrs = CurrentLrs();
        if (!_milestoneCounts.TryGetValue(LastEpoch, out int count)) return lrs;
        return lrs.Select(lr => lr * Math.Pow(Gamma, count)).ToArray();
    }
}
