namespace DlPath.NN;

/// <summary>
/// Cuts the learning rate by <c>factor</c> when a metric (usually the validation loss) stops improving for
/// <c>patience</c> epochs (<c>ReduceLROnPlateau</c>), with torch's threshold, cooldown and min_lr rules. Call
/// <see cref="Step"/> with the metric once per epoch.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private int _cooldownCounter;

    /// <summary>Creates the scheduler. <paramref name="mode"/> is "min" (lower is better) or "max"; thresholdMode "rel" or "abs".</summary>
    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10, double threshold = 1e-4, string thresholdMode = "rel", int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (factor >= 1.0) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor should be < 1.0");
        if (mode is not ("min" or "max")) throw new ArgumentException($"ReduceLROnPlateau: mode '{mode}' is unknown (min or max)", nameof(mode));
        if (thresholdMode is not ("rel" or "abs")) throw new ArgumentException($"ReduceLROnPlateau: threshold mode '{thresholdMode}' is unknown (rel or abs)", nameof(thresholdMode));
        Optimizer = optimizer;
        (Mode, Factor, Patience, Threshold, ThresholdMode, Cooldown, MinLr, Eps) = (mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        Best = mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The optimizer whose rates this scheduler cuts.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>"min" or "max".</summary>
    public string Mode { get; }

    /// <summary>Multiplier applied on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated before a cut.</summary>
    public int Patience { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public double Threshold { get; }

    /// <summary>"rel" (relative to the best) or "abs".</summary>
    public string ThresholdMode { get; }

    /// <summary>Epochs to wait after a cut before counting again.</summary>
    public int Cooldown { get; }

    /// <summary>Lower bound of the rate.</summary>
    public double MinLr { get; }

    /// <summary>Cuts smaller than this are skipped.</summary>
    public double Eps { get; }

    /// <summary>The best metric so far.</summary>
    public double Best { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Number of calls to <see cref="Step"/>.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The groups' current rates.</summary>
    public IReadOnlyList<double> LastLr => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();

    /// <summary>Records one epoch's metric and cuts the rates after a plateau.</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            Best = metric;
            NumBadEpochs = 0;
        }
        else
        {
            NumBadEpochs++;
        }

        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            NumBadEpochs = 0;
        }

        if (NumBadEpochs > Patience)
        {
            foreach (var g in Optimizer.ParamGroups)
            {
                double old = g.Lr, cut = Math.Max(old * Factor, MinLr);
                if (old - cut > Eps) g.Lr = cut;
            }

            _cooldownCounter = Cooldown;
            NumBadEpochs = 0;
        }
    }

    private bool IsBetter(double a) => (Mode, ThresholdMode) switch
    {
        ("min", "rel") => a < Best * (1 - Threshold),
        ("min", _) => a < Best - Threshold,
        (_, "rel") => a > Best * (Threshold + 1),
        _ => a > Best + Threshold,
    };
}
