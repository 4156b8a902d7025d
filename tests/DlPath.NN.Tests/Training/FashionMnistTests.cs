using System.Text.Json;
using DlPath.Data.Datasets;
using DlPath.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.NN.Tests.Training;

public sealed class FashionMnistTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dlpath-fmnist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Models_have_the_reference_layers_and_torch_initial_weights()
    {
        var g = new Generator(0);
        var mlp = FashionMnistModels.Mlp(g);
        Assert.Equal(235_146, mlp.ParameterCount());
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias"], mlp.StateDict().Keys);

        // torch.manual_seed(0); the script's MLP; then torch.randperm(10) continues the same stream.
        var w = mlp.StateDict()["1.weight"].ToArray<float>();
        Assert.Equal(-0.00026739, w[0], 1e-8);
        Assert.Equal(0.0191587, w[1], 1e-8);
        Assert.Equal(-0.02939447, w[2], 1e-8);
        Assert.Equal([-0.0771622583270073f, -0.036970824003219604f, 0.08151594549417496f], mlp.StateDict()["5.bias"].ToArray<float>()[..3]);
        var loader = new DataLoader(new TensorDataset(Tensor.Zeros(10, 1), Tensor.Arange(10)), batchSize: 10, shuffle: true, generator: g, randomness: LoaderRandomness.RandPerm);
        Assert.Equal([9L, 8, 0, 4, 6, 3, 7, 2, 1, 5], loader.First().Target.ToArray<long>());

        var cnn = FashionMnistModels.Cnn(new Generator(0));
        Assert.Equal(421_642, cnn.ParameterCount());
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"], cnn.StateDict().Keys);
        using (Tensor.NoGrad()) Assert.Equal([2, 10], cnn.Call(Tensor.Zeros(2, 1, 28, 28)).ShapeArray());
        Assert.Throws<ArgumentException>(() => FashionMnistModels.Create("resnet"));
    }

    [Fact]
    public void Bytes_become_unit_range_float_images_and_int64_labels()
    {
        var images = new byte[3 * 784];
        images[0] = 255;
        images[784 + 1] = 51;
        var split = new FashionMnistSplit(images, [9, 0, 3]);
        var (x, y) = FashionMnistTensors.ToTensors(split, limit: 2);
        Assert.Equal([2, 1, 28, 28], x.ShapeArray());
        Assert.Equal(1f, x.ToArray<float>()[0]);
        Assert.Equal(51f / 255f, x.ToArray<float>()[784 + 1]);
        Assert.Equal([9L, 0], y.ToArray<long>());
    }

    [FashionMnistFact]
    public void Smoke_one_epoch_on_2000_images_beats_chance_and_writes_a_reloadable_checkpoint()
    {
        var epochs = new List<FashionMnistEpoch>();
        var result = FashionMnistTraining.Run(
            new FashionMnistTrainingOptions { Model = "mlp", Epochs = 1, Seed = 0, Threads = 2, TrainLimit = 2000, TestLimit = 1000, OutDir = _dir },
            new ListProgress(epochs));

        Assert.Single(epochs);
        Assert.True(result.TestAccuracy[0] > 0.5, $"test accuracy {result.TestAccuracy[0]:P1} after one epoch on 2,000 images");
        Assert.Equal(result.TestAccuracy[0], epochs[0].TestAccuracy);
        Assert.Equal(1000, result.Confusion.Total);
        Assert.Equal(result.TestAccuracy[0], result.Confusion.Accuracy, 12);

        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.Equal("mlp", root.GetProperty("model").GetString());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.StartsWith("dlpath ", root.GetProperty("framework").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("epoch_seconds").GetArrayLength());
        Assert.Equal(result.TestAccuracy[0], root.GetProperty("test_acc")[0].GetDouble());

        var restored = FashionMnistModels.Mlp(new Generator(1));
        var meta = Checkpoint.Load(result.CheckpointPath!, restored);
        Assert.Equal("mlp", meta["model"]);
        ToyProblems.AssertSameWeights(ToyProblems.Weights(result.Model), ToyProblems.Weights(restored));
    }

    [FashionMnistFact]
    public void The_warm_up_leaves_the_run_unchanged()
    {
        // The warm-up trains a copy beside the loading; the run must draw, train and score exactly as without it.
        FashionMnistTrainingResult Train(bool warmup) => FashionMnistTraining.Run(new FashionMnistTrainingOptions
        {
            Model = "cnn",
            Epochs = 1,
            Seed = 7,
            Threads = 2,
            TrainLimit = 300,
            TestLimit = 200,
            BatchSize = 64,
            Warmup = warmup,
        });

        var with = Train(warmup: true);
        var without = Train(warmup: false);
        ToyProblems.AssertSameWeights(ToyProblems.Weights(without.Model), ToyProblems.Weights(with.Model));
        Assert.Equal(without.TestAccuracy, with.TestAccuracy);
        Assert.Equal(without.History["loss"], with.History["loss"]);
    }

    [FashionMnistFact]
    public void One_cycle_schedule_warms_up_to_the_peak_rate_and_anneals_over_every_batch()
    {
        var rates = new RateRecorder();
        var result = FashionMnistTraining.Run(new FashionMnistTrainingOptions
        {
            Model = "mlp",
            Epochs = 2,
            Seed = 0,
            Threads = 2,
            TrainLimit = 1000,
            TestLimit = 500,
            BatchSize = 100,
            Schedule = FashionMnistSchedule.OneCycle,
            LearningRate = 4e-3,
            Callbacks = [rates],
        });

        // 2 epochs x 10 batches; torch's OneCycleLR: starts at peak/25, reaches the peak at step 0.3*20 - 1 = 5, ends at peak/25e4.
        Assert.Equal(20, rates.Lr.Count);
        Assert.Equal(4e-3 / 25, rates.Lr[0], 12);
        Assert.Equal(4e-3, rates.Lr[5], 12);
        Assert.Equal(4e-3, rates.Lr.Max(), 12);
        Assert.All(rates.Lr.Skip(6).Zip(rates.Lr.Skip(5)), pair => Assert.True(pair.First < pair.Second, "the rate falls after the peak"));
        Assert.True(rates.Lr[^1] < 4e-4, $"last rate {rates.Lr[^1]}");

        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal("onecycle", json.RootElement.GetProperty("schedule").GetString());
        Assert.Equal(4e-3, json.RootElement.GetProperty("lr").GetDouble());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Thread_limit_sets_the_kernel_threads_for_the_run_only(int threads)
    {
        int before = KernelOptions.MaxThreads;
        int inside = FashionMnistTraining.WithThreadLimit(threads, () => KernelOptions.MaxThreads);
        Assert.Equal(threads, inside);
        Assert.Equal(before, KernelOptions.MaxThreads);
        Assert.Throws<InvalidOperationException>(() => FashionMnistTraining.WithThreadLimit<int>(threads, () => throw new InvalidOperationException("boom")));
        Assert.Equal(before, KernelOptions.MaxThreads);
    }

    /// <summary>The first group's learning rate at the start of every batch.</summary>
    private sealed class RateRecorder : Callback
    {
        public List<double> Lr { get; } = [];

        public override void OnBatchBegin(TrainingContext context, int batch) => Lr.Add(context.Optimizer.ParamGroups[0].Lr);
    }

    private sealed class ListProgress(List<FashionMnistEpoch> list) : IProgress<FashionMnistEpoch>
    {
        public void Report(FashionMnistEpoch value) => list.Add(value);
    }
}

/// <summary>A fact that is skipped, saying why, where Fashion-MNIST is not installed (the Debian package or DLPATH_DATA).</summary>
internal sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (DataLocator.Default.TryFind(FashionMnist.DatasetName) is null)
        {
            Skip = "Fashion-MNIST is not installed here (dlpath data get fashion-mnist, or apt install dataset-fashion-mnist)";
        }
    }
}
