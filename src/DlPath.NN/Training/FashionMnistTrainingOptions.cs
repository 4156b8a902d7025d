namespace DlPath.NN;

/// <summary>What <see cref="FashionMnistTraining.Run"/> trains; the defaults are the reference script's.</summary>
public sealed record FashionMnistTrainingOptions
{
    /// <summary><c>mlp</c> or <c>cnn</c> (see <see cref="FashionMnistModels"/>).</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>Passes over the 60,000 training images.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Seeds the generator that draws the initial weights and then each epoch's shuffle, in that order (as <c>torch.manual_seed(seed)</c> in the script).</summary>
    public long Seed { get; init; }

    /// <summary>Threads per kernel call (<c>KernelOptions.MaxThreads</c> for the run; the script's <c>--threads</c>); default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Where to write the checkpoint <c>fashion-mnist-{model}.safetensors</c>; null writes none.</summary>
    public string? OutDir { get; init; }

    /// <summary>Samples per training batch (the script: 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's learning rate (the script: 1e-3). With <see cref="FashionMnistSchedule.OneCycle"/> it is the peak rate instead.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// How the learning rate moves during training: <see cref="FashionMnistSchedule.Constant"/> (the script) or
    /// <see cref="FashionMnistSchedule.OneCycle"/> (fast.ai's <c>fit_one_cycle</c>: warm up to <see cref="LearningRate"/>,
    /// then anneal, stepped every batch).
    /// </summary>
    public FashionMnistSchedule Schedule { get; init; } = FashionMnistSchedule.Constant;

    /// <summary>Train on the first N training images only (smoke tests); null: all 60,000.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Evaluate on the first N test images only; null: all 10,000.</summary>
    public int? TestLimit { get; init; }

    /// <summary>A directory with the four IDX files; null: <c>FashionMnist.Load()</c>'s search (DLPATH_DATA, the Debian package, ...).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Compile the model's training step on a throwaway copy while the data loads (<see cref="TrainingWarmup"/>), so
    /// that the first epoch runs compiled code from its first batch: about 0.2 s of the MLP's first epoch and 0.8 s
    /// of the CNN's. Off, the first steps wait for the JIT.
    /// </summary>
    public bool Warmup { get; init; } = true;

    /// <summary>Extra callbacks for <see cref="ModuleTrainingExtensions.Fit"/> (e.g. a <see cref="ProgressBar"/>).</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];
}
