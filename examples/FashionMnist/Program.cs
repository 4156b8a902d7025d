// Fashion-MNIST with DlPath, the way the README walks through it:
//
//   dotnet run -c Release --project examples/FashionMnist -- raw [mlp|cnn] [epochs]    the five-line loop
//   dotnet run -c Release --project examples/FashionMnist -- fit [mlp|cnn] [epochs]    Fit + callbacks
//   dotnet run -c Release --project examples/FashionMnist -- lr-find [mlp|cnn]         fast.ai's LR finder
//   dotnet run -c Release --project examples/FashionMnist -- alloc [mlp|cnn]           bytes allocated per step
//   dotnet run -c Release --project examples/FashionMnist -- run [mlp|cnn] [epochs]    FashionMnistTraining.Run, JSON
//
// Everything here is public DlPath API; FashionMnistTraining.Run packs the same steps for `dlpath train`.
using System.Diagnostics;
using System.Globalization;
using DlPath.Data.Datasets;
using DlPath.NN;
using DlPath.Tensors;

string mode = args.Length > 0 ? args[0] : "fit";
string modelName = args.Length > 1 ? args[1] : "mlp";
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;

if (mode == "run")
{
    // The packaged version of everything below, as `dlpath train fashion-mnist --json` uses it.
    var result = FashionMnistTraining.Run(new() { Model = modelName, Epochs = epochs, OutDir = "." },
        new InlineProgress(e => Console.WriteLine($"epoch {e.Epoch}/{e.Epochs}: train {e.TrainSeconds:F1}s  loss {e.TrainLoss:F4}  test accuracy {e.TestAccuracy:P2}")));
    Console.WriteLine(result.ToJson());
    return 0;
}

// 1. Data: bytes from the IDX files -> float32 images in [0, 1] (N, 1, 28, 28) and int64 labels (N).
var (trainSplit, testSplit) = FashionMnist.Load();
var (xTrain, yTrain) = FashionMnistTensors.ToTensors(trainSplit);
var (xTest, yTest) = FashionMnistTensors.ToTensors(testSplit);
var generator = new Generator(0);                            // torch.manual_seed(0)
var trainLoader = new DataLoader(new TensorDataset(xTrain, yTrain), batchSize: 128, shuffle: true, generator: generator);
var testLoader = new DataLoader(new TensorDataset(xTest, yTest), batchSize: 1000);

// 2. Model, optimizer, loss: the reference script's choices.
var model = FashionMnistModels.Create(modelName, generator);
var optimizer = new Adam(model.Parameters(), lr: 1e-3);
var lossFn = new CrossEntropyLoss();
Console.WriteLine(model.Summary([1, 1, 28, 28]));

switch (mode)
{
    case "raw":
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.Train();
            foreach (var (x, y) in trainLoader)
            {
                optimizer.ZeroGrad();                        // 1. forget the last batch's gradients
                var loss = lossFn.Call(model.Call(x), y);    // 2. forward pass and loss
                loss.Backward();                             // 3. gradients of the loss w.r.t. every parameter
                optimizer.Step();                            // 4. update the parameters
            }                                                // 5. repeat for every batch

            var test = model.Evaluate(testLoader, lossFn, [new Accuracy()]);
            Console.WriteLine($"epoch {epoch}: train {clock.Elapsed.TotalSeconds:F1}s  test loss {test["loss"]:F4}  test accuracy {test["accuracy"]:P2}");
        }

        break;

    case "fit":
        var history = model.Fit(trainLoader, optimizer, lossFn, epochs,
            validation: testLoader,
            metrics: [new Accuracy()],
            callbacks:
            [
                new ProgressBar(),
                new EarlyStopping("val_accuracy", patience: 2, restoreBestWeights: true),
                new ModelCheckpoint($"fashion-mnist-{modelName}.safetensors", monitor: "val_accuracy", saveBestOnly: true),
            ]);
        Console.WriteLine($"best test accuracy {history["val_accuracy"].Max():P2}; train seconds per epoch: {string.Join(", ", history.TrainSeconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))}");
        break;

    case "lr-find":
        var found = LRFinder.Run(model, trainLoader, optimizer, lossFn);
        for (int i = 0; i < found.LearningRates.Count; i += 5)
        {
            Console.WriteLine($"lr {found.LearningRates[i],10:E2}  smoothed loss {found.SmoothedLosses[i]:F4}");
        }

        Console.WriteLine($"steepest descent at lr {found.Steepest:E2}; minimum/10 = {found.MinimumOver10:E2}{(found.Diverged ? " (stopped when the loss diverged)" : string.Empty)}");
        break;

    case "alloc":
        // How much managed memory one training step allocates, after warm-up. Every byte is garbage the GC must
        // collect later; the engine's kernels aim for < 1 MB per step.
        model.Train();
        var batches = trainLoader.Take(60).ToList();
        long forwardBytes = 0, backwardBytes = 0, stepBytes = 0;
        void Step(Batch b)
        {
            long t0 = GC.GetAllocatedBytesForCurrentThread();
            optimizer.ZeroGrad();
            var loss = lossFn.Call(model.Call(b.Input), b.Target);
            long t1 = GC.GetAllocatedBytesForCurrentThread();
            loss.Backward();
            long t2 = GC.GetAllocatedBytesForCurrentThread();
            optimizer.Step();
            long t3 = GC.GetAllocatedBytesForCurrentThread();
            (forwardBytes, backwardBytes, stepBytes) = (forwardBytes + t1 - t0, backwardBytes + t2 - t1, stepBytes + t3 - t2);
        }

        foreach (var b in batches.Take(10)) Step(b);
        (forwardBytes, backwardBytes, stepBytes) = (0, 0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var sw = Stopwatch.StartNew();
        foreach (var b in batches.Skip(10)) Step(b);
        double perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 50.0;
        Console.WriteLine($"{modelName}: {perStep / 1024:N0} KiB allocated per step on the training thread " +
                          $"(forward + loss {forwardBytes / 50.0 / 1024:N0}, backward {backwardBytes / 50.0 / 1024:N0}, optimizer {stepBytes / 50.0 / 1024:N0}), " +
                          $"{sw.Elapsed.TotalMilliseconds / 50:F1} ms per step, {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2 collections over 50 steps");
        Console.WriteLine($"(the input batch, {batches[0].Input.Numel * 4 / 1024:N0} KiB, is gathered by the loader's background task and not counted here)");
        break;

    default:
        Console.Error.WriteLine($"unknown mode '{mode}': expected raw, fit, lr-find or alloc");
        return 2;
}

return 0;

/// <summary>Reports on the training thread right away (System.Progress would post to the thread pool, out of order).</summary>
internal sealed class InlineProgress(Action<FashionMnistEpoch> report) : IProgress<FashionMnistEpoch>
{
    public void Report(FashionMnistEpoch value) => report(value);
}
