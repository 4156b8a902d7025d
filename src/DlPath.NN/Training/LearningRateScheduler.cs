namespace DlPath.NN;

/// <summary>
/// Steps a learning-rate scheduler during <see cref="ModuleTrainingExtensions.Fit"/> (Keras's
/// <c>LearningRateScheduler</c> / <c>ReduceLROnPlateau</c> callbacks): an <see cref="LRScheduler"/> after every epoch
/// (StepLR, CosineAnnealingLR, ...) or after every batch (OneCycleLR, warm-up), or a <see cref="ReduceLROnPlateau"/>
/// after every epoch with a monitored log value. <see cref="Rates"/> records the rate each epoch started with.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly LRScheduler? _scheduler;
    private readonly ReduceLROnPlateau? _plateau;
    private readonly string? _monitor;
    private readonly bool _perBatch;

    /// <summary>Steps <paramref name="scheduler"/> after every epoch, or after every batch with <paramref name="perBatch"/>.</summary>
    public LearningRateScheduler(LRScheduler scheduler, bool perBatch = false)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        _perBatch = perBatch;
    }

    /// <summary>Steps <paramref name="plateau"/> after every epoch with the log value <paramref name="monitor"/> (default <c>val_loss</c>).</summary>
    public LearningRateScheduler(ReduceLROnPlateau plateau, string monitor = "val_loss")
    {
        ArgumentNullException.ThrowIfNull(plateau);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        _plateau = plateau;
        _monitor = monitor;
    }

    /// <summary>The first parameter group's learning rate used in each epoch (read at the epoch's start).</summary>
    public IList<double> Rates { get; } = [];

    /// <inheritdoc/>
    public override void OnEpochBegin(TrainingContext context, int epoch) => Rates.Add(context.Optimizer.ParamGroups[0].Lr);

    /// <inheritdoc/>
    public override void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (_perBatch) _scheduler!.Step();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (_plateau is not null)
        {
            if (!logs.TryGetValue(_monitor!, out double value))
            {
                throw new InvalidOperationException($"LearningRateScheduler: ReduceLROnPlateau monitors '{_monitor}', but the epoch logs only have {string.Join(", ", logs.Keys)}");
            }

            _plateau.Step(value);
        }
        else if (!_perBatch)
        {
            _scheduler!.Step();
        }
    }
}
