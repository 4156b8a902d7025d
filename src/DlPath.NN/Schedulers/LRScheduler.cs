namespace DlPath.NN;

/// <summary>
/// The base of the epoch/step learning-rate schedulers (<c>torch.optim.lr_scheduler.LRScheduler</c>). Creating a
/// scheduler records each group's initial learning rate and applies the schedule's value for step 0; each
/// <see cref="Step"/> advances one step and writes the new rates into the optimizer's groups. Like torch 1.13,
/// the schedules are computed recursively from the groups' current rates (the "chainable" form), so two
/// schedulers on one optimizer compose.
/// </summary>
public abstract class LRScheduler
{
    /// <summary>Attaches to <paramref name="optimizer"/> and applies step 0.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups)
        {
            if (!g.Has("initial_lr")) g["initial_lr"] = g.Lr;
        }

        BaseLrs = optimizer.ParamGroups.Select(g => g["initial_lr"]).ToArray();
    }

    /// <summary>The optimizer whose rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Each group's learning rate when the schedule started.</summary>
    public IReadOnlyList<double> BaseLrs { get; }

    /// <summary>The number of steps taken (0 right after construction; torch's <c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; } = -1;

    /// <summary>The rates set by the last step (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLr { get; private set; } = [];

    /// <summary>Advances the schedule by one step (call after <c>optimizer.Step()</c>).</summary>
    public void Step()
    {
        LastEpoch++;
        var lrs = ComputeLr();
        for (int i = 0; i < lrs.Length; i++) Optimizer.ParamGroups[i].Lr = lrs[i];
        LastLr = lrs;
    }

    /// <summary>The groups' rates for step <see cref="LastEpoch"/>, from their current rates (torch's <c>get_lr</c>).</summary>
    protected abstract double[] ComputeLr();

    /// <summary>The groups' current rates.</summary>
    protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.Lr).ToArray();

    /// <summary>Call at the end of a derived constructor: applies step 0 (torch's <c>_initial_step</c>).</summary>
    protected void InitialStep() => Step();
}
