using System.Globalization;

namespace DlPath.NN;

/// <summary>
/// Saves the model (and optimizer state) after epochs as a safetensors <see cref="Checkpoint"/>
/// (<c>keras.callbacks.ModelCheckpoint</c>, https://keras.io/api/callbacks/model_checkpoint/). The file is written
/// atomically (temporary file, then rename), so a crash never leaves a half-written checkpoint. With
/// <c>saveBestOnly</c> it is written only when the monitored quantity improves. A <c>{epoch}</c> in the path is
/// replaced by the 1-based epoch number (<c>model-{epoch}.safetensors</c>), keeping one file per epoch. The metadata
/// holds <c>epoch</c> (1-based) and every log value.
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly Monitor _monitor;

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The file to write; may contain <c>{epoch}</c>.</param>
    /// <param name="monitor">The log key deciding what "best" is.</param>
    /// <param name="saveBestOnly">Write only when the monitored value improves.</param>
    /// <param name="mode">Whether smaller or larger is better; Auto decides by the name.</param>
    /// <param name="saveOptimizer">Include the optimizer's state (to resume training), not just the weights.</param>
    public ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto, bool saveOptimizer = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        SaveBestOnly = saveBestOnly;
        SaveOptimizer = saveOptimizer;
        _monitor = new Monitor(monitor, mode, 0, "ModelCheckpoint");
    }

    /// <summary>The path pattern.</summary>
    public string Path { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether the optimizer state is saved too.</summary>
    public bool SaveOptimizer { get; }

    /// <summary>The best monitored value seen (with <see cref="SaveBestOnly"/>).</summary>
    public double Best => _monitor.Best;

    /// <summary>The files written, in order (the same path repeatedly when it has no <c>{epoch}</c>).</summary>
    public IList<string> Saved { get; } = [];

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingContext context)
    {
        _monitor.Reset();
        Saved.Clear();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveBestOnly && !_monitor.Improves(_monitor.Read(logs))) return;
        string file = Path.Replace("{epoch}", (epoch + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file));
        if (dir is not null) Directory.CreateDirectory(dir);
        var metadata = new Dictionary<string, string> { ["epoch"] = (epoch + 1).ToString(CultureInfo.InvariantCulture) };
        foreach (var (key, value) in logs) metadata[key] = value.ToString("R", CultureInfo.InvariantCulture);
        Checkpoint.Save(file, context.Model, SaveOptimizer ? context.Optimizer : null, metadata);
        Saved.Add(file);
    }
}
