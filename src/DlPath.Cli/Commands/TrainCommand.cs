using System.CommandLine;
using System.Globalization;
using DlPath.Data.Datasets;
using DlPath.NN;
using DlPath.Plots;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath train fashion-mnist --model mlp|cnn</c>: trains exactly the two workloads of the reference script
/// (same layers, init, Adam lr 1e-3, batch 128, [0,1] pixels), writes the checkpoint, a learning-curve PNG and
/// a confusion-matrix PNG, and reports per-epoch time, loss and test accuracy. <c>--schedule onecycle</c> swaps the
/// fixed rate for the one-cycle policy (the only departure from the script, and named in the JSON result).
/// </summary>
public sealed class TrainCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var model = new Option<string>("--model") { Description = "mlp or cnn", DefaultValueFactory = _ => "mlp" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 training images", DefaultValueFactory = _ => 5 };
        var seed = new Option<long>("--seed") { Description = "Seed for the initial weights and the batch order (as torch.manual_seed)", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Threads for the kernels (default: all cores)" };
        var outDir = new Option<string?>("--out") { Description = "Where to write the checkpoint and plots (default: <home>/runs/fashion-mnist-MODEL)" };
        var data = new Option<string?>("--data") { Description = "A folder holding the Fashion-MNIST IDX files (default: searched, see dlpath data where fashion-mnist)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object shaped like the reference script's" };
        var schedule = new Option<string>("--schedule")
        {
            Description = "constant (Adam at a fixed rate, as the reference script) or onecycle (warm up to --lr, then anneal; fast.ai's fit_one_cycle)",
            DefaultValueFactory = _ => "constant",
        };
        var lr = new Option<double?>("--lr") { Description = "Adam's learning rate; the peak rate with --schedule onecycle (default: 1e-3 constant, 3e-3 onecycle)" };
        var fmnist = new Command("fashion-mnist", "Train the Fashion-MNIST MLP or CNN of the path's benchmark") { model, epochs, seed, threads, outDir, data, json, schedule, lr };
        fmnist.SetAction(parse =>
        {
            string name = parse.GetValue(model)!.ToLowerInvariant();
            if (!FashionMnistModels.Names.Contains(name))
            {
                throw new CliException($"--model: '{name}' is not one of {string.Join(", ", FashionMnistModels.Names)}");
            }

            int n = parse.GetValue(epochs);
            if (n is < 1 or > 1000)
            {
                throw new CliException($"--epochs must be between 1 and 1000, got {n}");
            }

            int? t = parse.GetValue(threads);
            if (t is < 1 or > 1024)
            {
                throw new CliException($"--threads must be between 1 and 1024, got {t}");
            }

            var policy = parse.GetValue(schedule)!.ToLowerInvariant() switch
            {
                "constant" => FashionMnistSchedule.Constant,
                "onecycle" or "one-cycle" => FashionMnistSchedule.OneCycle,
                var other => throw new CliException($"--schedule: '{other}' is not one of constant, onecycle"),
            };
            double rate = parse.GetValue(lr) ?? (policy == FashionMnistSchedule.OneCycle ? 3e-3 : 1e-3);
            if (!double.IsFinite(rate) || rate <= 0 || rate > 10)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--lr must be a number in (0, 10], got {rate}"));
            }

            string dir = parse.GetValue(outDir) ?? Path.Combine(context.Home(parse), "runs", $"fashion-mnist-{name}");
            Directory.CreateDirectory(dir);
            bool asJson = parse.GetValue(json);
            var options = new FashionMnistTrainingOptions
            {
                Model = name,
                Epochs = n,
                Seed = parse.GetValue(seed),
                Threads = t ?? Environment.ProcessorCount,
                OutDir = dir,
                DataDirectory = parse.GetValue(data),
                Schedule = policy,
                LearningRate = rate,
            };

            // Epoch lines go to stderr under --json so that stdout stays one JSON document.
            var log = asJson ? context.Error : context.Output;
            var progress = new SynchronousProgress<FashionMnistEpoch>(e => log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {e.Epoch}/{e.Epochs}: {e.TrainSeconds:F1} s, train loss {e.TrainLoss:F4}, test loss {e.TestLoss:F4}, test accuracy {e.TestAccuracy * 100:F2} %")));
            FashionMnistTrainingResult result;
            try
            {
                result = FashionMnistTraining.Run(options, progress);
            }
            catch (DatasetNotFoundException e)
            {
                throw new CliException(e.Message);
            }

            var epochsAxis = Enumerable.Range(1, result.TrainLoss.Count).Select(i => (double)i).ToArray();
            string curves = Charts.Lines(
                Path.Combine(dir, "learning-curve.png"), $"Fashion-MNIST {name}: learning curve", "epoch", "loss / accuracy",
                [
                    new Charts.Series("train loss", epochsAxis, [.. result.TrainLoss]),
                    new Charts.Series("test accuracy", epochsAxis, [.. result.TestAccuracy]),
                ],
                markers: true);
            var counts = new int[result.Confusion.Classes, result.Confusion.Classes];
            for (int i = 0; i < result.Confusion.Classes; i++)
            {
                for (int j = 0; j < result.Confusion.Classes; j++) counts[i, j] = (int)result.Confusion.Counts[i, j];
            }

            string confusion = Charts.ConfusionMatrix(Path.Combine(dir, "confusion-matrix.png"), counts, [.. FashionMnist.ClassNames], $"Fashion-MNIST {name}: test set");
            if (asJson)
            {
                JsonOut.WriteRaw(context.Output, WithPlots(result.ToJson(), curves, confusion));
            }
            else
            {
                context.Console.MarkupLine($"Checkpoint: [bold]{Markup.Escape(result.CheckpointPath ?? "(none)")}[/]");
                context.Console.MarkupLine($"Plots: {Markup.Escape(curves)}, {Markup.Escape(confusion)}");
            }

            return 0;
        });

        root.Subcommands.Add(new Command("train", "Train the path's models end to end") { fmnist });
    }

    private static string WithPlots(string json, string curves, string confusion)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["learning_curve_png"] = curves;
        node["confusion_matrix_png"] = confusion;
        return node.ToJsonString();
    }

    /// <summary>Reports on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
