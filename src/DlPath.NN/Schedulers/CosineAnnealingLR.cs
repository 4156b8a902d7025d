namespace DlPath.NN;

/// <summary>
/// Cosine annealing from the initial rate down to <c>etaMin</c> over <c>tMax</c> steps, then back up
/// (<c>CosineAnnealingLR</c>, SGDR without restarts): lr_t = η_min + (lr_0 − η_min)·(1 + cos(π·t/T_max))/2,
/// computed in torch's recursive form.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0)
        : base(optimizer)
    {
        if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR: T_max must be positive");
        (TMax, EtaMin) = (tMax, etaMin);
        InitialStep();
    }

    /// <summary>Half-period in steps.</summary>
    public int TMax { get; }

    /// <summary>The lowest rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lrs = CurrentLrs();
        int t = LastEpoch;
        if (t == 0) return lrs;
        var result = new double[lrs.Length];
        for (int i = 0; i < lrs.Length; i++)
        {
            if ((t - 1 - TMax) % (2 * TMax) == 0)
            {
                result[i] = lrs[i] + ((BaseLrs[i] - EtaMin) * (1 - Math.Cos(Math.PI / TMax)) / 2);
            }
            else
            {
                result[i] = ((1 + Math.Cos(Math.PI * t / TMax)) / (1 + Math.Cos(Math.PI * (t - 1) / TMax)) * (lrs[i] - EtaMin)) + EtaMin;
            }
        }

        return result;
    }
}
