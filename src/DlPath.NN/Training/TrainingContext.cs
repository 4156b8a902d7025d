namespace DlPath.NN;

/// <summary>What a <see cref="Callback"/> sees of the training run: the model, optimizer, progress and history.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(Module model, Optimizer optimizer, Loss loss, int epochs, int stepsPerEpoch, History history)
    {
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        Epochs = epochs;
        StepsPerEpoch = stepsPerEpoch;
        History = history;
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer updating it.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss being minimised.</summary>
    public Loss Loss { get; }

    /// <summary>The number of epochs asked for.</summary>
    public int Epochs { get; }

    /// <summary>Batches per epoch (<c>len(loader)</c>).</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The epochs finished so far.</summary>
    public History History { get; }

    /// <summary>The current epoch, 0-based.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Optimizer steps taken since training began.</summary>
    public long GlobalStep { get; internal set; }

    /// <summary>Set to true (e.g. by <see cref="EarlyStopping"/>) to stop after the current batch.</summary>
    public bool StopTraining { get; set; }
}
