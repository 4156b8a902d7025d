using System.Diagnostics;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Keras-style training on any <see cref="Module"/>: <see cref="Fit"/> runs the five-line loop for you with metrics,
/// validation, callbacks and a <see cref="History"/>; <see cref="Evaluate"/> measures a model on a data set.
/// </summary>
/// <example><code>
/// var history = model.Fit(trainLoader, new Adam(model.Parameters()), new CrossEntropyLoss(), epochs: 10,
///     validation: testLoader, metrics: [new Accuracy()], callbacks: [new ProgressBar(), new EarlyStopping(patience: 2)]);
/// Console.WriteLine(history["val_accuracy"][^1]);
/// </code></example>
public static class ModuleTrainingExtensions
{
    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="epochs"/> passes over <paramref name="train"/>. Each batch runs
    /// the raw loop — <c>optimizer.ZeroGrad(setToNone: false); var loss = lossFn.Call(model.Call(x), y); loss.Backward(); optimizer.Step();</c>
    /// — in training mode, inside a <see cref="Tensor.Scope"/> so its memory is reused by the next batch; after each epoch the model is evaluated on <paramref name="validation"/> (in eval mode, without
    /// a graph) when given. Returns the per-epoch logs: <c>loss</c> (mean over samples), each metric, and
    /// <c>val_loss</c>/<c>val_</c>+metric.
    /// </summary>
    /// <param name="model">The model; left in training mode.</param>
    /// <param name="train">The training batches.</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="loss">The loss to minimise (its value must be a scalar, e.g. reduction mean).</param>
    /// <param name="epochs">Passes over the data (at least 1).</param>
    /// <param name="validation">Data to evaluate on after each epoch.</param>
    /// <param name="callbacks">Event hooks, called in the order given (e.g. <see cref="ProgressBar"/>, <see cref="EarlyStopping"/>).</param>
    /// <param name="metrics">Metrics computed on training batches and on validation data (e.g. <see cref="Accuracy"/>).</param>
    public static History Fit(this Module model, DataLoader train, Optimizer optimizer, Loss loss, int epochs,
        DataLoader? validation = null, IEnumerable<Callback>? callbacks = null, IEnumerable<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var cbs = callbacks?.ToList() ?? [];
        var ms = metrics?.ToList() ?? [];
        CheckMetricNames(ms);

        var history = new History();
        var context = new TrainingContext(model, optimizer, loss, epochs, train.Count, history);
        foreach (var cb in cbs) cb.OnTrainBegin(context);
        var batchLogs = new Dictionary<string, double>(2);
        for (int epoch = 0; epoch < epochs && !context.StopTraining; epoch++)
        {
            context.Epoch = epoch;
            model.Train();
            foreach (var m in ms) m.Reset();
            foreach (var cb in cbs) cb.OnEpochBegin(context, epoch);
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            long samples = 0;
            int step = 0;
            foreach (var (x, y) in train)
            {
                foreach (var cb in cbs) cb.OnBatchBegin(context, step);
                double lossValue = TrainStep(model, optimizer, loss, x, y, ms);
                int n = x.Rank == 0 ? 1 : x.Size(0);
                lossSum += lossValue * n;
                samples += n;
                context.GlobalStep++;
                batchLogs["loss"] = lossValue;
                batchLogs["size"] = n;
                foreach (var cb in cbs) cb.OnBatchEnd(context, step, batchLogs);
                step++;
                if (context.StopTraining) break;
            }

            double trainSeconds = clock.Elapsed.TotalSeconds;
            var logs = new Dictionary<string, double> { ["loss"] = samples == 0 ? double.NaN : lossSum / samples };
            foreach (var m in ms) logs[m.Name] = m.Compute();
            double validationSeconds = 0;
            if (validation is not null)
            {
                clock.Restart();
                foreach (var (key, value) in model.Evaluate(validation, loss, ms)) logs["val_" + key] = value;
                validationSeconds = clock.Elapsed.TotalSeconds;
            }

            history.Add(logs, trainSeconds, validationSeconds);
            foreach (var cb in cbs) cb.OnEpochEnd(context, epoch, logs);
        }

        foreach (var cb in cbs) cb.OnTrainEnd(context);
        return history;
    }

    /// <summary>
    /// One step of the raw loop inside a <see cref="Tensor.Scope"/>: every activation, gradient and temporary of the
    /// step goes back to the pool when it ends, so the next step reuses them and a steady-state step allocates almost
    /// nothing. Gradients are zeroed in place (torch 1.x's <c>zero_grad()</c>, what the reference scripts do) so the
    /// parameters' gradient buffers are reused too; the loss is read, and the metrics updated, before the scope ends.
    /// </summary>
    private static double TrainStep(Module model, Optimizer optimizer, Loss loss, Tensor x, Tensor y, List<Metric> metrics)
    {
        using var scope = Tensor.Scope();
        optimizer.ZeroGrad(setToNone: false);
        var output = model.Call(x);
        var value = loss.Call(output, y);
        if (value.Numel != 1)
        {
            throw new ShapeException($"Fit: the loss must be a scalar to call Backward, got {value.ShapeString} (use reduction Mean or Sum)");
        }

        value.Backward();
        optimizer.Step();
        if (metrics.Count > 0)
        {
            var detached = output.Detach();
            foreach (var m in metrics) m.Update(detached, y);
        }

        return value.Item();
    }

    /// <summary>
    /// The mean <c>loss</c> and each metric of <paramref name="model"/> over <paramref name="data"/>, in eval mode and
    /// without recording a graph (Keras's <c>evaluate</c>); the model's training mode is restored afterwards.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(this Module model, DataLoader data, Loss loss, IEnumerable<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        var ms = metrics?.ToList() ?? [];
        CheckMetricNames(ms);
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            foreach (var m in ms) m.Reset();
            double lossSum = 0;
            long samples = 0;
            using (Tensor.NoGrad())
            {
                foreach (var (x, y) in data)
                {
                    // Each batch's tensors go back to the pool once its loss and metrics are read.
                    using var scope = Tensor.Scope();
                    var output = model.Call(x);
                    int n = x.Rank == 0 ? 1 : x.Size(0);
                    lossSum += loss.Call(output, y).Item() * n;
                    samples += n;
                    foreach (var m in ms) m.Update(output, y);
                }
            }

            var result = new Dictionary<string, double> { ["loss"] = samples == 0 ? double.NaN : lossSum / samples };
            foreach (var m in ms) result[m.Name] = m.Compute();
            return result;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>
    /// The model's outputs for every batch of <paramref name="data"/> concatenated along dimension 0, in eval mode
    /// without a graph (Keras's <c>predict</c>). The loader's targets are ignored.
    /// </summary>
    public static Tensor Predict(this Module model, DataLoader data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            var outputs = new List<Tensor>(data.Count);
            using (Tensor.NoGrad())
            {
                foreach (var (x, _) in data) outputs.Add(model.Call(x));
            }

            if (outputs.Count == 0) throw new InvalidOperationException("Predict: the loader yielded no batches");
            return Tensor.Cat(outputs.ToArray(), 0);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static void CheckMetricNames(List<Metric> metrics)
    {
        var names = new HashSet<string> { "loss" };
        foreach (var m in metrics)
        {
            if (!names.Add(m.Name)) throw new ArgumentException($"Fit: two metrics (or a metric and the loss) are both named '{m.Name}'");
        }
    }
}
