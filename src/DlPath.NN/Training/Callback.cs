namespace DlPath.NN;

/// <summary>
/// Hooks into <see cref="ModuleTrainingExtensions.Fit"/> (Keras's <c>keras.callbacks.Callback</c>,
/// https://keras.io/api/callbacks/base_callback/). Override the events you need; all default to doing nothing.
/// Events arrive in this order: OnTrainBegin, then per epoch OnEpochBegin, (OnBatchBegin, OnBatchEnd) per batch,
/// OnEpochEnd (after validation), and finally OnTrainEnd (also after an early stop). Set
/// <see cref="TrainingContext.StopTraining"/> to end training after the current batch.
/// </summary>
public abstract class Callback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>After the last epoch (or the early stop); <see cref="TrainingContext.History"/> is complete.</summary>
    public virtual void OnTrainEnd(TrainingContext context)
    {
    }

    /// <summary>Before epoch <paramref name="epoch"/> (0-based).</summary>
    public virtual void OnEpochBegin(TrainingContext context, int epoch)
    {
    }

    /// <summary>
    /// After epoch <paramref name="epoch"/> (0-based) and its validation. <paramref name="logs"/> holds the epoch's
    /// mean <c>loss</c>, each metric by name, and <c>val_loss</c> / <c>val_</c>+metric with validation data.
    /// </summary>
    public virtual void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
    }

    /// <summary>Before batch <paramref name="batch"/> (0-based within the epoch) is trained on.</summary>
    public virtual void OnBatchBegin(TrainingContext context, int batch)
    {
    }

    /// <summary>
    /// After the optimizer step of batch <paramref name="batch"/>. <paramref name="logs"/> holds the batch's
    /// <c>loss</c> and <c>size</c> (samples in the batch); the same dictionary is refilled for every batch (no garbage
    /// per step), so copy the values you want to keep.
    /// </summary>
    public virtual void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
    {
    }
}
