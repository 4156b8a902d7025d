using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (<c>keras.callbacks.EarlyStopping</c>,
/// https://keras.io/api/callbacks/early_stopping/): after <see cref="Patience"/> epochs in a row without an
/// improvement larger than the minimum delta (at the first one with patience 0). With <c>restoreBestWeights</c>, the model gets back the weights of its
/// best epoch when training ends (whether it stopped early or ran out of epochs).
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly Monitor _monitor;
    private OrderedDictionary<string, Tensor>? _bestWeights;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The log key to watch (<c>val_loss</c>, <c>val_accuracy</c>, <c>loss</c>, ...).</param>
    /// <param name="patience">Epochs without improvement before stopping (0: stop at the first epoch that does not improve).</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="mode">Whether smaller or larger is better; Auto decides by the name.</param>
    /// <param name="restoreBestWeights">Load the best epoch's weights back into the model at the end.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        _monitor = new Monitor(monitor, mode, minDelta, "EarlyStopping");
        Patience = patience;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Whether the best weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The best value seen.</summary>
    public double Best => _monitor.Best;

    /// <summary>The 0-based epoch of the best value (-1 before any).</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>The 0-based epoch after which training was stopped, or -1 when it was not.</summary>
    public int StoppedEpoch { get; private set; } = -1;

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        _monitor.Reset();
        _wait = 0;
        _bestWeights = null;
        BestEpoch = -1;
        StoppedEpoch = -1;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (_monitor.Improves(_monitor.Read(logs)))
        {
            _wait = 0;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = Snapshot(context.Model);
            return;
        }

        _wait++;
        if (_wait >= Patience)
        {
            StoppedEpoch = epoch;
            context.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && _bestWeights is not null && BestEpoch != context.History.Epochs - 1)
        {
            context.Model.LoadStateDict(_bestWeights);
        }
    }

    /// <summary>A deep copy of the model's state dict (the live one shares storage with the model).</summary>
    internal static OrderedDictionary<string, Tensor> Snapshot(Module model)
    {
        var copy = new OrderedDictionary<string, Tensor>();
        foreach (var (name, t) in model.StateDict()) copy.Add(name, t.Clone().Keep());
        return copy;
    }
}
