using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

public sealed class FitTests
{
    [Fact]
    public void Fit_lowers_the_loss_and_fills_the_history()
    {
        var model = ToyProblems.Classifier(1);
        var train = new DataLoader(ToyProblems.Blobs(256, 2), batchSize: 32, shuffle: true, generator: new Generator(3));
        var valid = new DataLoader(ToyProblems.Blobs(128, 4), batchSize: 64);
        var history = model.Fit(train, new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 5, validation: valid, metrics: [new Accuracy()]);

        Assert.Equal(5, history.Epochs);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.True(history["loss"][^1] < 0.5 * history["loss"][0], $"loss {string.Join(", ", history["loss"])}");
        Assert.True(history["val_accuracy"][^1] > 0.95, $"val accuracy {history["val_accuracy"][^1]}");
        Assert.All(history.TrainSeconds, s => Assert.True(s > 0));
        Assert.All(history.ValidationSeconds, s => Assert.True(s > 0));
        Assert.True(model.Training);
        var ex = Assert.Throws<KeyNotFoundException>(() => history["val_acc"]);
        Assert.Contains("val_accuracy", ex.Message);
    }

    [Fact]
    public void Evaluate_matches_a_hand_computed_loss_and_accuracy()
    {
        var model = ToyProblems.Classifier(5);
        var data = ToyProblems.Blobs(100, 6);
        var result = model.Evaluate(new DataLoader(data, batchSize: 30), new CrossEntropyLoss(), [new Accuracy()]);
        using var _ = Tensor.NoGrad();
        var logits = model.Call(data.Inputs);
        double loss = new CrossEntropyLoss().Call(logits, data.Targets).Item();
        double acc = logits.ArgMax(1).Eq(data.Targets).ToArray<bool>().Count(b => b) / 100.0;
        Assert.Equal(loss, result["loss"], 5);
        Assert.Equal(acc, result["accuracy"], 12);
    }

    [Fact]
    public void Callbacks_fire_in_keras_order()
    {
        var model = ToyProblems.Classifier(1);
        var log = new RecordingCallback();
        model.Fit(new DataLoader(ToyProblems.Blobs(10, 2), batchSize: 4), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 2,
            validation: new DataLoader(ToyProblems.Blobs(4, 3), batchSize: 4), callbacks: [log]);
        Assert.Equal(
            "train_begin epoch_begin:0 batch_begin:0 batch_end:0 batch_begin:1 batch_end:1 batch_begin:2 batch_end:2 epoch_end:0[loss,val_loss] " +
            "epoch_begin:1 batch_begin:0 batch_end:0 batch_begin:1 batch_end:1 batch_begin:2 batch_end:2 epoch_end:1[loss,val_loss] train_end",
            string.Join(' ', log.Events));
        Assert.Equal([4.0, 4, 2, 4, 4, 2], log.BatchSizes);
    }

    [Fact]
    public void StopTraining_ends_after_the_current_batch()
    {
        var model = ToyProblems.Classifier(1);
        var stopper = new StopAfter(batches: 2);
        var history = model.Fit(new DataLoader(ToyProblems.Blobs(40, 2), batchSize: 4), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 3, callbacks: [stopper]);
        Assert.Equal(1, history.Epochs);
        Assert.Equal(2, stopper.Seen);
    }

    [Fact]
    public void EarlyStopping_stops_after_patience_and_restores_the_best_weights()
    {
        var model = ToyProblems.Classifier(1);
        // The monitored "score" (max mode) is scripted: best at epoch 1, then three worse epochs.
        var score = new ScriptedMetric("score", 0.1, 0.5, 0.4, 0.3, 0.2, 0.1);
        var weights = new WeightRecorder();
        var stop = new EarlyStopping("score", patience: 2, mode: MonitorMode.Max, restoreBestWeights: true);
        var history = model.Fit(new DataLoader(ToyProblems.Blobs(32, 2), batchSize: 8), new Sgd(model.Parameters(), lr: 0.1), new CrossEntropyLoss(), epochs: 10,
            callbacks: [weights, stop], metrics: [score]);

        Assert.Equal(4, history.Epochs);
        Assert.Equal(3, stop.StoppedEpoch);
        Assert.Equal(1, stop.BestEpoch);
        Assert.Equal(0.5, stop.Best);
        Assert.NotEqual(weights.PerEpoch[1]["2.weight"], weights.PerEpoch[3]["2.weight"]);
        ToyProblems.AssertSameWeights(weights.PerEpoch[1], ToyProblems.Weights(model));
    }

    [Fact]
    public void EarlyStopping_names_the_keys_when_the_monitor_is_missing()
    {
        var model = ToyProblems.Classifier(1);
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(new DataLoader(ToyProblems.Blobs(8, 2), batchSize: 8), new Sgd(model.Parameters(), lr: 0.1),
            new CrossEntropyLoss(), epochs: 1, callbacks: [new EarlyStopping()]));
        Assert.Contains("'val_loss'", ex.Message);
        Assert.Contains("loss", ex.Message);
    }

    private sealed class RecordingCallback : Callback
    {
        public List<string> Events { get; } = [];

        public List<double> BatchSizes { get; } = [];

        public override void OnTrainBegin(TrainingContext context) => Events.Add("train_begin");

        public override void OnTrainEnd(TrainingContext context) => Events.Add("train_end");

        public override void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch_begin:{epoch}");

        public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs) =>
            Events.Add($"epoch_end:{epoch}[{string.Join(',', logs.Keys)}]");

        public override void OnBatchBegin(TrainingContext context, int batch) => Events.Add($"batch_begin:{batch}");

        public override void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
        {
            Events.Add($"batch_end:{batch}");
            BatchSizes.Add(logs["size"]);
        }
    }

    private sealed class StopAfter(int batches) : Callback
    {
        public int Seen { get; private set; }

        public override void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
        {
            Seen++;
            if (Seen == batches) context.StopTraining = true;
        }
    }
}

/// <summary>A metric whose per-epoch values are given in advance.</summary>
internal sealed class ScriptedMetric(string name, params double[] values) : Metric
{
    private int _epoch;

    public override string Name => name;

    public override void Reset()
    {
    }

    public override void Update(Tensor output, Tensor target)
    {
    }

    public override double Compute() => values[_epoch++];
}

/// <summary>Copies the model's weights at the end of every epoch.</summary>
internal sealed class WeightRecorder : Callback
{
    public List<Dictionary<string, float[]>> PerEpoch { get; } = [];

    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs) => PerEpoch.Add(ToyProblems.Weights(context.Model));
}
