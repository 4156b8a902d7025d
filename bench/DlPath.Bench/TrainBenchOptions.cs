namespace DlPath.Bench;

/// <summary>Command-line options of the <c>train</c> runner (the Fashion-MNIST workload of torch_fmnist.py).</summary>
internal sealed record TrainBenchOptions
{
    /// <summary>"mlp", "cnn" or both (the default).</summary>
    public IReadOnlyList<string> Models { get; init; } = ["mlp", "cnn"];

    /// <summary>Epochs per model (each timed separately).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Training steps per epoch; 0 = the whole epoch (469 steps of 128). A partial epoch's time is scaled up.</summary>
    public int Steps { get; init; }

    /// <summary>Threads for DlPath (KernelOptions.MaxThreads) and for the reference.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Run ../shared/bench/torch_fmnist.py in the same run and print the ratio.</summary>
    public bool WithReference { get; init; }

    /// <summary>Run each step without a <see cref="DlPath.Tensors.Tensor.Scope"/> (no buffer pooling), for before/after figures.</summary>
    public bool NoScope { get; init; }

    /// <summary>
    /// Training steps of a throwaway copy of each model on a background thread while the data loads
    /// (<see cref="DlPath.NN.TrainingWarmup"/>), as <c>dlpath train</c> does; 0 leaves all compiling to the first epoch.
    /// </summary>
    public int WarmupSteps { get; init; } = 1;

    /// <summary>Print JSON instead of a table.</summary>
    public bool Json { get; init; }

    /// <summary>Parses the arguments after the <c>train</c> command.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static TrainBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new TrainBenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--model" => o with { Models = ParseModels(Value()) },
                "--epochs" => o with { Epochs = Positive("--epochs", Value()) },
                "--steps" => o with { Steps = Positive("--steps", Value()) },
                "--threads" => o with { Threads = Positive("--threads", Value()) },
                "--with-reference" => o with { WithReference = true },
                "--json" => o with { Json = true },
                "--no-scope" => o with { NoScope = true },
                "--warmup-steps" => o with { WarmupSteps = NonNegative("--warmup-steps", Value()) },
                _ => throw new ArgumentException($"unknown option '{args[i]}' (see --help)"),
            };
        }

        return o;
    }

    private static string[] ParseModels(string value) => value switch
    {
        "mlp" or "cnn" => [value],
        "both" => ["mlp", "cnn"],
        _ => throw new ArgumentException($"--model must be mlp, cnn or both, got '{value}'"),
    };

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, out int v) && v >= 0 ? v : throw new ArgumentException($"{name} must be 0 or a positive integer, got '{value}'");

    private static int Positive(string name, string value) =>
        int.TryParse(value, out int v) && v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer, got '{value}'");
}
