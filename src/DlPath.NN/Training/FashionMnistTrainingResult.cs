using System.Text;
using System.Text.Json;

namespace DlPath.NN;

/// <summary>
/// The outcome of <see cref="FashionMnistTraining.Run"/>: the reference script's JSON fields (<see cref="ToJson"/>),
/// the full <see cref="History"/> for learning curves, the final test confusion matrix, and the trained model.
/// </summary>
public sealed class FashionMnistTrainingResult
{
    internal FashionMnistTrainingResult(string framework, FashionMnistTrainingOptions options, Module model, History history, ConfusionMatrix confusion, string? checkpointPath)
    {
        Framework = framework;
        Options = options;
        Model = model;
        History = history;
        Confusion = confusion;
        CheckpointPath = checkpointPath;
    }

    /// <summary><c>dlpath</c> and its version (the script's <c>framework</c>, e.g. <c>torch 1.13.0</c>).</summary>
    public string Framework { get; }

    /// <summary>The options the run used.</summary>
    public FashionMnistTrainingOptions Options { get; }

    /// <summary>The trained model (in eval mode).</summary>
    public Module Model { get; }

    /// <summary>Per-epoch <c>loss</c>, <c>accuracy</c> (training batches), <c>val_loss</c> and <c>val_accuracy</c> (test set), and timings.</summary>
    public History History { get; }

    /// <summary>Seconds of each epoch's training loop (the script's <c>epoch_seconds</c>).</summary>
    public IReadOnlyList<double> EpochSeconds => History.TrainSeconds;

    /// <summary>Test accuracy after each epoch (the script's <c>test_acc</c>).</summary>
    public IReadOnlyList<double> TestAccuracy => History["val_accuracy"];

    /// <summary>Mean training loss of each epoch.</summary>
    public IReadOnlyList<double> TrainLoss => History["loss"];

    /// <summary>The final model's test-set confusion matrix; <c>Counts[true, predicted]</c>, classes as <c>FashionMnist.ClassNames</c>.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>The checkpoint written, or null when no output directory was given.</summary>
    public string? CheckpointPath { get; }

    /// <summary>
    /// One JSON object with the reference script's keys — <c>framework</c>, <c>model</c>, <c>threads</c>,
    /// <c>epoch_seconds</c>, <c>test_acc</c> — followed by DlPath's extras: <c>seed</c>, <c>train_loss</c>,
    /// <c>test_loss</c>, <c>checkpoint</c>.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("framework", Framework);
            w.WriteString("model", Options.Model.ToLowerInvariant());
            w.WriteNumber("threads", Options.Threads);
            WriteArray(w, "epoch_seconds", EpochSeconds);
            WriteArray(w, "test_acc", TestAccuracy);
            w.WriteNumber("seed", Options.Seed);
            w.WriteString("schedule", FashionMnistTraining.ScheduleName(Options.Schedule));
            w.WriteNumber("lr", Options.LearningRate);
            WriteArray(w, "train_loss", TrainLoss);
            WriteArray(w, "test_loss", History["val_loss"]);
            if (CheckpointPath is null) w.WriteNull("checkpoint");
            else w.WriteString("checkpoint", CheckpointPath);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            // JSON has no NaN; null marks a missing value.
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }

        w.WriteEndArray();
    }
}
