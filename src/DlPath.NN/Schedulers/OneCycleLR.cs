namespace DlPath.NN;

/// <summary>
/// The one-cycle policy (<c>OneCycleLR</c>, Smith 2018; fast.ai's <c>fit_one_cycle</c>): the rate rises from
/// max_lr/divFactor to max_lr over the first <c>pctStart</c> of the steps, then anneals to
/// initial/finalDivFactor; momentum (SGD's <c>momentum</c> or Adam's <c>beta1</c>) moves the opposite way between
/// maxMomentum and baseMomentum. Cosine annealing by default, linear on request. Step once per batch.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly (double EndStep, string StartLr, string EndLr, string StartMomentum, string EndMomentum)[] _phases;

    /// <summary>Creates the schedule over <paramref name="totalSteps"/> steps.</summary>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3, bool cosine = true, bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false)
        : base(PrepareGroups(optimizer, maxLr, divFactor, finalDivFactor, cycleMomentum, baseMomentum, maxMomentum))
    {
        if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "OneCycleLR: total_steps must be positive");
        if (pctStart is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "OneCycleLR: pct_start must be in [0, 1]");
        (TotalSteps, Cosine, CycleMomentum) = (totalSteps, cosine, cycleMomentum);
        _phases = threePhase
            ? [
                ((pctStart * totalSteps) - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                ((2 * pctStart * totalSteps) - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                (totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
            : [
                ((pctStart * totalSteps) - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                (totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ];
        InitialStep();
    }

    /// <summary>Length of the cycle in steps.</summary>
    public int TotalSteps { get; }

    /// <summary>Cosine (true) or linear annealing.</summary>
    public bool Cosine { get; }

    /// <summary>Whether momentum cycles inversely to the rate.</summary>
    public bool CycleMomentum { get; }

    private static Optimizer PrepareGroups(Optimizer optimizer, double maxLr, double divFactor, double finalDivFactor, bool cycleMomentum, double baseMomentum, double maxMomentum)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var g in optimizer.ParamGroups)
        {
            double initial = maxLr / divFactor;
            g["initial_lr"] = initial;
            g.Lr = initial;
            g["max_lr"] = maxLr;
            g["min_lr"] = initial / finalDivFactor;
            if (!cycleMomentum) continue;
            if (!g.Has("beta1") && !g.Has("momentum"))
            {
                throw new ArgumentException("OneCycleLR: the optimizer has no momentum option to cycle; pass cycleMomentum: false");
            }

            string key = g.Has("beta1") ? "beta1" : "momentum";
            g[key] = maxMomentum;
            g["max_momentum"] = maxMomentum;
            g["base_momentum"] = baseMomentum;
        }

        return optimizer;
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        int step = LastEpoch;
        if (step > TotalSteps)
        {
            throw new InvalidOperationException($"OneCycleLR: tried to step {step} times, but total_steps is {TotalSteps}");
        }

        var result = new double[Optimizer.ParamGroups.Count];
        for (int gi = 0; gi < result.Length; gi++)
        {
            var g = Optimizer.ParamGroups[gi];
            double start = 0;
            for (int i = 0; i < _phases.Length; i++)
            {
                var phase = _phases[i];
                if (step <= phase.EndStep || i == _phases.Length - 1)
                {
                    double pct = (step - start) / (phase.EndStep - start);
                    result[gi] = Anneal(g[phase.StartLr], g[phase.EndLr], pct);
                    if (CycleMomentum)
                    {
                        g[g.Has("beta1") ? "beta1" : "momentum"] = Anneal(g[phase.StartMomentum], g[phase.EndMomentum], pct);
                    }

                    break;
                }

                start = phase.EndStep;
            }
        }

        return result;
    }

    private double Anneal(double start, double end, double pct) => Cosine
        ? end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1))
        : ((end - start) * pct) + start;
}
