using DlPath.Tensors;
using DlPath.Tensors.Buffers;
using DlPath.Tensors.Kernels;

namespace DlPath.NN.Tests.Training;

/// <summary>
/// Training under <see cref="Tensor.Scope"/>: what lives across steps survives, the numbers are those of the unscoped
/// loop, and a warm step allocates almost nothing.
/// </summary>
[Collection(PoolMeasurementCollection.Name)]
public sealed class ScopeTrainingTests
{
    [Fact]
    public void Parameters_and_buffers_created_inside_a_scope_survive_it()
    {
        Sequential model;
        using (Tensor.Scope())
        {
            var g = new Generator(4);
            model = new Sequential(new Linear(3, 5, generator: g), new BatchNorm1d(5), new Relu(), new Linear(5, 2, generator: g));
        }

        var before = ToyProblems.Weights(model);
        var x = Tensor.Randn([16, 3], DType.Float32, new Generator(5));
        for (int step = 0; step < 3; step++)
        {
            using var scope = Tensor.Scope();
            model.ZeroGrad(setToNone: false);
            model.Call(x).Sum().Backward();
        }

        // BatchNorm updated its running statistics in place during the scoped steps; everything is still readable.
        var after = ToyProblems.Weights(model);
        Assert.NotEqual(before["1.running_mean"], after["1.running_mean"]);
        Assert.Equal(3, model.NamedBuffers().Single(b => b.Name == "1.num_batches_tracked").Buffer.Value.Item());
        Assert.All(model.Parameters(), p => Assert.False(p.Grad!.IsReleased));
    }

    [Fact]
    public void Optimizer_state_created_inside_a_scope_survives_it()
    {
        var model = ToyProblems.Classifier(2);
        var sgd = new Sgd(model.Parameters(), lr: 0.1, momentum: 0.9);
        var adamModel = ToyProblems.Classifier(2);
        var adam = new Adam(adamModel.Parameters(), lr: 0.01, amsgrad: true);
        var data = ToyProblems.Blobs(32, 3);
        for (int step = 0; step < 2; step++)
        {
            using var scope = Tensor.Scope();
            foreach (var (m, opt) in new (Module, Optimizer)[] { (model, sgd), (adamModel, adam) })
            {
                opt.ZeroGrad(setToNone: false);
                Functional.CrossEntropy(m.Call(data.Inputs), data.Targets).Backward();
                opt.Step();
            }
        }

        var sgdState = sgd.StateDict().State;
        Assert.Equal(4, sgdState.Count);
        Assert.All(sgdState.Values, s => Assert.True(s["momentum_buffer"].Abs().Sum().Item() > 0));
        var adamState = adam.StateDict().State;
        Assert.All(adamState.Values, s => Assert.Equal(2, s["step"].Item()));
        Assert.All(adamState.Values, s => Assert.True(s["max_exp_avg_sq"].Sum().Item() > 0));
    }

    [Fact]
    public void A_raw_loop_gives_identical_losses_with_and_without_scopes()
    {
        var unscoped = RawLoop(scoped: false);
        var scoped = RawLoop(scoped: true);
        Assert.Equal(unscoped.Losses, scoped.Losses);
        ToyProblems.AssertSameWeights(unscoped.Weights, scoped.Weights);
    }

    [Fact]
    public void Fit_gives_the_losses_of_the_unscoped_raw_loop()
    {
        var expected = RawLoop(scoped: false);
        var model = ToyProblems.Classifier(7);
        var loader = new DataLoader(ToyProblems.Blobs(100, 8), batchSize: 16, shuffle: true, generator: new Generator(9));
        var history = WithOneThread(() => model.Fit(loader, new Adam(model.Parameters(), lr: 0.05), new CrossEntropyLoss(), epochs: 3));
        Assert.Equal(expected.EpochLosses, history["loss"]);
        ToyProblems.AssertSameWeights(expected.Weights, ToyProblems.Weights(model));
    }

    [Fact]
    public void A_warm_Fit_step_allocates_under_a_megabyte()
    {
        // The MLP of the Fashion-MNIST benchmark: an unscoped step allocates ~3 MB of activations and gradients.
        var g = new Generator(11);
        var model = new Sequential(new Linear(784, 256, generator: g), new Relu(), new Linear(256, 128, generator: g), new Relu(), new Linear(128, 10, generator: g));
        var data = new TensorDataset(Tensor.Rand([128 * 8, 784], DType.Float32, g), Tensor.RandInt(0, 10, [128 * 8], g));
        var meter = new StepAllocation(warmup: 3);
        model.Fit(new DataLoader(data, batchSize: 128), new Adam(model.Parameters()), new CrossEntropyLoss(), epochs: 1, callbacks: [meter], metrics: [new Accuracy()]);
        Assert.Equal(5, meter.Steps);
        Assert.True(meter.BytesPerStep < 1 << 20, $"a warm Fit step allocated {meter.BytesPerStep} bytes");

        // The same step without a scope and with an empty pool: the figure above is the pool's doing, not a small model's.
        TensorPool.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        model.ZeroGrad();
        Functional.CrossEntropy(model.Call(data.Inputs.Narrow(0, 0, 128)), data.Targets.Narrow(0, 0, 128)).Backward();
        long unscoped = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(unscoped > 4 * meter.BytesPerStep, $"unscoped {unscoped} bytes, scoped {meter.BytesPerStep}");
    }

    /// <summary>Three epochs of Adam on the blobs, batch 16, the loader's order; losses per step and per epoch (sample-weighted).</summary>
    private static (List<double> Losses, List<double> EpochLosses, Dictionary<string, float[]> Weights) RawLoop(bool scoped) => WithOneThread(() =>
    {
        var model = ToyProblems.Classifier(7);
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var loader = new DataLoader(ToyProblems.Blobs(100, 8), batchSize: 16, shuffle: true, generator: new Generator(9));
        var losses = new List<double>();
        var epochLosses = new List<double>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            double sum = 0;
            long samples = 0;
            foreach (var (x, y) in loader)
            {
                using (scoped ? Tensor.Scope() : null)
                {
                    optimizer.ZeroGrad(setToNone: !scoped);
                    var loss = Functional.CrossEntropy(model.Call(x), y);
                    loss.Backward();
                    optimizer.Step();
                    losses.Add(loss.Item());
                }

                sum += losses[^1] * x.Size(0);
                samples += x.Size(0);
            }

            epochLosses.Add(sum / samples);
        }

        return (losses, epochLosses, ToyProblems.Weights(model));
    });

    private static T WithOneThread<T>(Func<T> work)
    {
        // One thread makes every reduction's order fixed, so "identical" can mean bit for bit.
        int previous = KernelOptions.MaxThreads;
        KernelOptions.MaxThreads = 1;
        try
        {
            return work();
        }
        finally
        {
            KernelOptions.MaxThreads = previous;
        }
    }

    /// <summary>Managed bytes this thread allocates between a batch's begin and end, after a few warm-up batches.</summary>
    private sealed class StepAllocation(int warmup) : Callback
    {
        private long _start;
        private long _total;

        public int Steps { get; private set; }

        public long BytesPerStep => Steps == 0 ? long.MaxValue : _total / Steps;

        public override void OnBatchBegin(TrainingContext context, int batch) => _start = GC.GetAllocatedBytesForCurrentThread();

        public override void OnBatchEnd(TrainingContext context, int batch, IReadOnlyDictionary<string, double> logs)
        {
            long used = GC.GetAllocatedBytesForCurrentThread() - _start;
            if (batch < warmup) return;
            _total += used;
            Steps++;
        }
    }
}

/// <summary>Tests that empty the process-wide tensor pool and measure allocation run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PoolMeasurementCollection
{
    public const string Name = "tensor pool measurement";
}
