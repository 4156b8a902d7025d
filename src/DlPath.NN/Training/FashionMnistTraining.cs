using System.Globalization;
using System.Reflection;
using DlPath.Data.Datasets;
using DlPath.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.NN;

/// <summary>
/// Trains one of the two Fashion-MNIST workloads end to end, exactly as the project's PyTorch reference script does:
/// [0, 1] pixels, the model of <see cref="FashionMnistModels"/>, Adam(lr 1e-3), cross-entropy, shuffled batches of
/// 128, test accuracy after every epoch; then writes the checkpoint. The <c>dlpath train fashion-mnist</c> command
/// and its plots are built on this.
/// </summary>
/// <example><code>
/// var result = FashionMnistTraining.Run(new() { Model = "mlp", Epochs = 10, OutDir = "runs" },
///     new Progress&lt;FashionMnistEpoch&gt;(e => Console.WriteLine($"epoch {e.Epoch}: {e.TestAccuracy:P2}")));
/// Console.WriteLine(result.ToJson());
/// </code></example>
public static class FashionMnistTraining
{
    /// <summary>Batch size used to evaluate on the test set (only memory depends on it).</summary>
    private const int EvalBatchSize = 1000;

    /// <summary>
    /// Loads the data, trains and evaluates per <paramref name="options"/>, and returns the result.
    /// <paramref name="progress"/> gets each finished epoch, called synchronously on the training thread.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">Fashion-MNIST is not installed; the message names <c>dlpath data get fashion-mnist</c>.</exception>
    public static FashionMnistTrainingResult Run(FashionMnistTrainingOptions options, IProgress<FashionMnistEpoch>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!FashionMnistModels.Names.Contains(options.Model?.ToLowerInvariant()))
        {
            throw new ArgumentException($"Fashion-MNIST: unknown model '{options.Model}' (expected one of: {string.Join(", ", FashionMnistModels.Names)})", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);

        return WithThreadLimit(options.Threads, () => RunCore(options, progress));
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <see cref="KernelOptions.MaxThreads"/> set to <paramref name="threads"/> (as
    /// <c>torch.set_num_threads</c>), restoring the previous value afterwards. Every parallel kernel (GEMM, convolution,
    /// pooling, the long elementwise passes, Adam) runs on the kernel workers and honours it.
    /// </summary>
    internal static T WithThreadLimit<T>(int threads, Func<T> work)
    {
        int previous = KernelOptions.MaxThreads;
        KernelOptions.MaxThreads = threads;
        try
        {
            return work();
        }
        finally
        {
            KernelOptions.MaxThreads = previous;
        }
    }

    private static FashionMnistTrainingResult RunCore(FashionMnistTrainingOptions options, IProgress<FashionMnistEpoch>? progress)
    {
        // The step compiles on a throwaway copy (its own generator: the run's draws are untouched) while the files load,
        // on a batch no larger than the real ones can be (60,000 training images).
        int warmupBatch = Math.Min(options.BatchSize, options.TrainLimit ?? 60_000);
        var warmup = options.Warmup && warmupBatch > 0
            ? TrainingWarmup.Start(() => FashionMnistModels.Create(options.Model, new Generator(options.Seed)), [warmupBatch, 1, 28, 28], p => new Adam(p, lr: options.LearningRate))
            : Task.CompletedTask;
        var (trainSplit, testSplit) = options.DataDirectory is null ? FashionMnist.Load() : FashionMnist.Load(options.DataDirectory);
        var (xTrain, yTrain) = FashionMnistTensors.ToTensors(trainSplit, options.TrainLimit);
        var (xTest, yTest) = FashionMnistTensors.ToTensors(testSplit, options.TestLimit);
        warmup.GetAwaiter().GetResult();

        // One generator, used first for the initial weights, then for each epoch's permutation: the order of draws
        // of torch.manual_seed(seed) + model construction + torch.randperm per epoch in the script.
        var generator = new Generator(options.Seed);
        var model = FashionMnistModels.Create(options.Model, generator);
        var optimizer = new Adam(model.Parameters(), lr: options.LearningRate);
        var loss = new CrossEntropyLoss();
        // Batches are gathered on the training thread (prefetch 0), as the script indexes them: a 400 KB gather takes
        // far less than a step, while a prefetching thread competes with the kernel workers for the cores (measured
        // with the MLP on 2 cores: epochs 2-3 took 0.76-0.94 s with prefetch 2 and 0.63-0.71 s without).
        var train = new DataLoader(new TensorDataset(xTrain, yTrain), options.BatchSize, shuffle: true, generator: generator, prefetch: 0, randomness: LoaderRandomness.RandPerm);
        var test = new DataLoader(new TensorDataset(xTest, yTest), EvalBatchSize, generator: generator, randomness: LoaderRandomness.RandPerm);

        var callbacks = new List<Callback>(options.Callbacks);
        if (options.Schedule == FashionMnistSchedule.OneCycle)
        {
            // One cycle across every batch of every epoch.
            callbacks.Add(new LearningRateScheduler(new OneCycleLR(optimizer, options.LearningRate, train.Count * options.Epochs), perBatch: true));
        }

        if (progress is not null) callbacks.Add(new EpochReporter(progress));
        var history = model.Fit(train, optimizer, loss, options.Epochs, validation: test, callbacks: callbacks, metrics: [new Accuracy()]);

        var confusion = new ConfusionMatrix(FashionMnist.ClassNames.Count);
        model.Eval();
        using (Tensor.NoGrad())
        {
            foreach (var (x, y) in test)
            {
                using var scope = Tensor.Scope();
                confusion.Update(model.Call(x), y);
            }
        }

        string? checkpoint = null;
        if (options.OutDir is not null)
        {
            Directory.CreateDirectory(options.OutDir);
            checkpoint = Path.Combine(options.OutDir, $"fashion-mnist-{options.Model.ToLowerInvariant()}.safetensors");
            Checkpoint.Save(checkpoint, model, optimizer, new Dictionary<string, string>
            {
                ["model"] = options.Model.ToLowerInvariant(),
                ["epochs"] = history.Epochs.ToString(CultureInfo.InvariantCulture),
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["schedule"] = ScheduleName(options.Schedule),
                ["lr"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                ["test_acc"] = history["val_accuracy"][^1].ToString("R", CultureInfo.InvariantCulture),
            });
        }

        return new FashionMnistTrainingResult(FrameworkName(), options, model, history, confusion, checkpoint);
    }

    /// <summary>The schedule's name on the command line and in the JSON result (<c>constant</c>, <c>onecycle</c>).</summary>
    internal static string ScheduleName(FashionMnistSchedule schedule) => schedule switch
    {
        FashionMnistSchedule.OneCycle => "onecycle",
        _ => "constant",
    };

    private static string FrameworkName()
    {
        var version = typeof(FashionMnistTraining).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return "dlpath " + (plus >= 0 ? version[..plus] : version);
    }

    /// <summary>Forwards each epoch's logs to the caller's progress sink.</summary>
    private sealed class EpochReporter(IProgress<FashionMnistEpoch> progress) : Callback
    {
        public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs) =>
            progress.Report(new FashionMnistEpoch(epoch + 1, context.Epochs, context.History.TrainSeconds[^1], logs["loss"], logs["val_loss"], logs["val_accuracy"]));
    }
}
