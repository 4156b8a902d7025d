using System.Globalization;
using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

public sealed class CallbackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dlpath-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ModelCheckpoint_saves_only_improvements_atomically_and_reloads()
    {
        var model = ToyProblems.Classifier(1);
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var weights = new WeightRecorder();
        string path = Path.Combine(_dir, "ckpt", "best-{epoch}.safetensors");
        var checkpoint = new ModelCheckpoint(path, monitor: "score", saveBestOnly: true, mode: MonitorMode.Max);
        model.Fit(new DataLoader(ToyProblems.Blobs(32, 2), batchSize: 8), optimizer, new CrossEntropyLoss(), epochs: 4,
            callbacks: [weights, checkpoint], metrics: [new ScriptedMetric("score", 0.2, 0.6, 0.5, 0.7)]);

        string Expected(int epoch) => Path.Combine(_dir, "ckpt", $"best-{epoch}.safetensors");
        Assert.Equal([Expected(1), Expected(2), Expected(4)], checkpoint.Saved);
        Assert.Equal(0.7, checkpoint.Best);
        Assert.Equal(["best-1.safetensors", "best-2.safetensors", "best-4.safetensors"], Directory.GetFiles(Path.Combine(_dir, "ckpt")).Select(Path.GetFileName).Order());

        // Epoch 2's file holds epoch 2's weights and the optimizer state, and resumes bit for bit.
        var restored = ToyProblems.Classifier(99);
        var restoredOptimizer = new Adam(restored.Parameters(), lr: 0.5);
        var meta = Checkpoint.Load(Expected(2), restored, restoredOptimizer);
        ToyProblems.AssertSameWeights(weights.PerEpoch[1], ToyProblems.Weights(restored));
        Assert.Equal("2", meta["epoch"]);
        Assert.Equal(0.6, double.Parse(meta["score"], CultureInfo.InvariantCulture));
        Assert.Equal(0.01, restoredOptimizer.ParamGroups[0].Lr);
    }

    [Fact]
    public void ModelCheckpoint_without_epoch_overwrites_one_file()
    {
        var model = ToyProblems.Classifier(1);
        string path = Path.Combine(_dir, "last.safetensors");
        var checkpoint = new ModelCheckpoint(path, saveOptimizer: false);
        model.Fit(new DataLoader(ToyProblems.Blobs(16, 2), batchSize: 8), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 3, callbacks: [checkpoint]);
        Assert.Equal(3, checkpoint.Saved.Count);
        Assert.Equal(["last.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var restored = ToyProblems.Classifier(7);
        Assert.Equal("3", Checkpoint.Load(path, restored)["epoch"]);
        ToyProblems.AssertSameWeights(ToyProblems.Weights(model), ToyProblems.Weights(restored));
    }

    [Fact]
    public void LearningRateScheduler_steps_per_epoch_per_batch_or_on_plateau()
    {
        var data = new DataLoader(ToyProblems.Blobs(24, 2), batchSize: 8);
        var model = ToyProblems.Classifier(1);
        var sgd = new Sgd(model.Parameters(), lr: 0.1);
        var perEpoch = new LearningRateScheduler(new StepLR(sgd, stepSize: 1, gamma: 0.5));
        model.Fit(data, sgd, new CrossEntropyLoss(), epochs: 3, callbacks: [perEpoch]);
        Assert.Equal([0.1, 0.05, 0.025], perEpoch.Rates);
        Assert.Equal(0.0125, sgd.ParamGroups[0].Lr, 12);

        var sgd2 = new Sgd(model.Parameters(), lr: 0.1);
        var perBatch = new LearningRateScheduler(new ExponentialLR(sgd2, gamma: 0.5), perBatch: true);
        model.Fit(data, sgd2, new CrossEntropyLoss(), epochs: 2, callbacks: [perBatch]);
        Assert.Equal([0.1, 0.1 / 8], perBatch.Rates);

        var sgd3 = new Sgd(model.Parameters(), lr: 0.1);
        var plateau = new LearningRateScheduler(new ReduceLROnPlateau(sgd3, mode: "max", patience: 0), monitor: "score");
        model.Fit(data, sgd3, new CrossEntropyLoss(), epochs: 3, callbacks: [plateau], metrics: [new ScriptedMetric("score", 0.5, 0.4, 0.6)]);
        Assert.Equal(0.1, plateau.Rates[0], 12);
        Assert.Equal(0.1, plateau.Rates[1], 12);
        Assert.Equal(0.01, plateau.Rates[2], 12);
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(data, sgd3, new CrossEntropyLoss(), epochs: 1,
            callbacks: [new LearningRateScheduler(new ReduceLROnPlateau(sgd3))]));
        Assert.Contains("'val_loss'", ex.Message);
    }

    [Fact]
    public void ProgressBar_writes_one_line_per_epoch_when_redirected()
    {
        var output = new StringWriter();
        var model = ToyProblems.Classifier(1);
        model.Fit(new DataLoader(ToyProblems.Blobs(20, 2), batchSize: 8), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 2,
            validation: new DataLoader(ToyProblems.Blobs(8, 3), batchSize: 8), metrics: [new Accuracy()], callbacks: [new ProgressBar(output, interactive: false)]);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Matches(@"^epoch 1/2  3/3  \d+\.\ds  [\d,]+ samples/s  loss \d\.\d{4}  accuracy \d\.\d{4}  val_loss \d\.\d{4}  val_accuracy \d\.\d{4}$", lines[0]);
        Assert.StartsWith("epoch 2/2", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressBar_draws_a_live_bar_on_a_terminal()
    {
        var output = new StringWriter();
        var model = ToyProblems.Classifier(1);
        model.Fit(new DataLoader(ToyProblems.Blobs(20, 2), batchSize: 8), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 1,
            callbacks: [new ProgressBar(output, interactive: true) { RefreshInterval = TimeSpan.Zero }]);
        string text = output.ToString();
        Assert.Contains("\repoch 1/1 [========>", text);
        Assert.Contains("] 1/3  ETA ", text);
        Assert.Contains("] 3/3  ETA 00:00  loss ", text);
        Assert.Contains("samples/s", text);
        Assert.EndsWith(Environment.NewLine, text);
        Assert.Matches(@"\repoch 1/1  3/3  \d+\.\ds", text);
    }
}
