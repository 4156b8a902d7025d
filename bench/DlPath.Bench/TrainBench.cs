using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using DlPath.Data.Datasets;
using DlPath.NN;
using DlPath.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.Bench;

/// <summary>
/// The Fashion-MNIST training workload of <c>../shared/bench/torch_fmnist.py</c> in DlPath: the same MLP and
/// CNN, PyTorch's default init, Adam(lr 1e-3), cross-entropy, batch 128, shuffled every epoch, pixels in [0, 1].
/// Prints seconds per epoch, test accuracy, and per steady-state step the managed bytes allocated and the GC
/// collections; with <c>--with-reference</c> it runs the torch script in the same run and prints the ratio. Each step
/// runs inside a <see cref="Tensor.Scope"/> with gradients zeroed in place, as <c>Fit</c> does; <c>--no-scope</c>
/// measures the same loop without the pool (every tensor fresh from the GC, gradients set to null).
/// </summary>
internal static class TrainBench
{
    private const int Batch = 128;

    /// <summary>One model's figures.</summary>
    internal sealed record Result(string Model, double[] EpochSeconds, double[] TestAcc, double BytesPerStep, double Gen0PerStep, int Gen1, int Gen2, int StepsTimed, int[][] EpochCollections, int StepsRun, double[] JitSeconds);

    public static int Run(TrainBenchOptions o)
    {
        KernelOptions.MaxThreads = o.Threads;

        // As dlpath train does: each model's step compiles on a throwaway copy while the data loads. The JIT time
        // left inside the first epoch is printed with it.
        var loadClock = Stopwatch.StartNew();
        var warmups = o.WarmupSteps == 0 ? [] : o.Models.Select(m => TrainingWarmup.Start(() => FashionMnistModels.Create(m, new Generator(1)), [Batch, 1, 28, 28], p => new Adam(p, 1e-3), o.WarmupSteps)).ToArray();
        var (train, test) = FashionMnist.Load();
        var xTrain = Pixels(train);
        var xTest = Pixels(test);
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        Task.WaitAll(warmups);
        double readySeconds = loadClock.Elapsed.TotalSeconds;
        if (!o.Json)
        {
            Console.WriteLine($"DlPath Fashion-MNIST training — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine($"threads {o.Threads}, load average {LoadAverage()}, batch {Batch}, {(o.Steps > 0 ? $"{o.Steps} steps per epoch (time scaled to 469)" : "whole epochs")}, {(o.NoScope ? "no scope (no pooling)" : "a Tensor.Scope() per step")}"
                + (o.WithReference ? ", reference: torch_fmnist.py with OPENBLAS_CORETYPE=SkylakeX" : string.Empty));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"data loaded in {loadSeconds:F2} s; ")
                + (o.WarmupSteps == 0
                    ? "no warm-up: the first epoch compiles the step"
                    : string.Create(CultureInfo.InvariantCulture, $"warm-up ({o.WarmupSteps} step(s) per model on a throwaway copy, beside the loading) done at {readySeconds:F2} s; {JitInfo.GetCompiledMethodCount()} methods compiled in {JitInfo.GetCompilationTime().TotalSeconds:F2} s so far")));
        }

        var rows = new List<object>();
        foreach (string model in o.Models)
        {
            var r = Train(model, o, xTrain, train.Labels, xTest, test.Labels);
            double[]? refSecs = null;
            double[]? refAcc = null;
            if (o.WithReference)
            {
                using var doc = ReferenceScripts.TorchFmnist(model, o.Epochs, o.Threads);
                refSecs = doc.RootElement.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                refAcc = doc.RootElement.GetProperty("test_acc").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            }

            if (o.Json)
            {
                rows.Add(new { model, scoped = !o.NoScope, epoch_seconds = r.EpochSeconds, test_acc = r.TestAcc, bytes_per_step = r.BytesPerStep, gen0_per_step = r.Gen0PerStep, gen1 = r.Gen1, gen2 = r.Gen2, epoch_collections = r.EpochCollections, epoch_jit_seconds = r.JitSeconds, warmup_steps = o.WarmupSteps, torch_epoch_seconds = refSecs, torch_test_acc = refAcc });
                continue;
            }

            double target = model == "mlp" ? 0.25 : 0.35;
            for (int e = 0; e < r.EpochSeconds.Length; e++)
            {
                string line = string.Create(CultureInfo.InvariantCulture, $"{model} epoch {e + 1}: DlPath {r.EpochSeconds[e],7:F2} s  acc {r.TestAcc[e]:F4}");
                if (refSecs is not null && e < refSecs.Length)
                {
                    double ratio = r.EpochSeconds[e] / refSecs[e];
                    line += string.Create(CultureInfo.InvariantCulture, $" | torch {refSecs[e],7:F2} s  acc {refAcc![e]:F4} | ratio {ratio:F2} (target <= {target:F2} {(ratio <= target ? "ok" : "MISS")})");
                }

                Console.WriteLine(line);
                var gc = r.EpochCollections[e];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model} epoch {e + 1} GC collections: gen0 {gc[0]}, gen1 {gc[1]}, gen2 {gc[2]} over {r.StepsRun} steps; JIT compiling during the epoch {r.JitSeconds[e]:F3} s (all threads, background re-compiles included)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model} steady state: {r.BytesPerStep / 1024 / 1024:F2} MB allocated per step, {r.Gen0PerStep:F2} gen0 / step, gen1 {r.Gen1}, gen2 {r.Gen2} over {r.StepsTimed} steps (target < 1 MB/step {(r.BytesPerStep < 1 << 20 ? "ok" : "MISS")})"));
        }

        if (o.Json) Console.WriteLine(JsonSerializer.Serialize(new { threads = o.Threads, rows }));
        return 0;
    }

    private static Result Train(string model, TrainBenchOptions o, float[] xTrain, byte[] yTrain, float[] xTest, byte[] yTest)
    {
        // Seeded as the torch script seeds (torch.manual_seed(0)), so that a run's accuracies repeat.
        Generator.ManualSeedDefault(0);
        var net = FashionMnistModels.Create(model);
        var opt = new Adam(net.Parameters(), 1e-3);
        var gen = new Generator(0);
        int count = yTrain.Length, stepsPerEpoch = (count + Batch - 1) / Batch;
        int steps = o.Steps > 0 ? Math.Min(o.Steps, stepsPerEpoch) : stepsPerEpoch;

        // Reused batch tensors: filled in place each step (the full batch and the short last one).
        var xb = Tensor.Zeros([Batch, 1, 28, 28]);
        var yb = Tensor.Zeros([Batch], DType.Int64);
        int lastSize = count - ((stepsPerEpoch - 1) * Batch);
        var xLast = Tensor.Zeros([lastSize, 1, 28, 28]);
        var yLast = Tensor.Zeros([lastSize], DType.Int64);

        var secs = new double[o.Epochs];
        var collections = new int[o.Epochs][];
        var accs = new double[o.Epochs];
        var jit = new double[o.Epochs];
        long bytes = 0;
        int gen0 = 0, gen1 = 0, gen2 = 0, timedSteps = 0;
        var perm = new int[count];
        for (int e = 0; e < o.Epochs; e++)
        {
            net.Train();
            Shuffle(perm, gen);
            int e0 = GC.CollectionCount(0), e1 = GC.CollectionCount(1), e2 = GC.CollectionCount(2);
            var jitBefore = JitInfo.GetCompilationTime();
            var sw = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++)
            {
                int start = s * Batch, size = Math.Min(Batch, count - start);
                var (x, y) = size == Batch ? (xb, yb) : (xLast, yLast);
                Fill(x, y, perm.AsSpan(start, size), xTrain, yTrain);

                // Allocation and GC counts over the steady state: every step after the first few of the first epoch.
                bool measure = e > 0 || s >= 3;
                long b0 = GC.GetTotalAllocatedBytes(false);
                int c0 = GC.CollectionCount(0), c1 = GC.CollectionCount(1), c2 = GC.CollectionCount(2);
                using (o.NoScope ? null : Tensor.Scope())
                {
                    // With the scope, zero in place so the gradient buffers are reused (as Fit does); without, torch 2's set-to-none.
                    opt.ZeroGrad(setToNone: o.NoScope);
                    var loss = Functional.CrossEntropy(net.Call(x), y);
                    loss.Backward();
                    opt.Step();
                }

                if (measure)
                {
                    bytes += GC.GetTotalAllocatedBytes(false) - b0;
                    gen0 += GC.CollectionCount(0) - c0;
                    gen1 += GC.CollectionCount(1) - c1;
                    gen2 += GC.CollectionCount(2) - c2;
                    timedSteps++;
                }
            }

            secs[e] = sw.Elapsed.TotalSeconds * stepsPerEpoch / steps;
            jit[e] = (JitInfo.GetCompilationTime() - jitBefore).TotalSeconds;
            collections[e] = [GC.CollectionCount(0) - e0, GC.CollectionCount(1) - e1, GC.CollectionCount(2) - e2];
            accs[e] = Accuracy(net, xTest, yTest);
        }

        return new Result(model, secs, accs, (double)bytes / Math.Max(1, timedSteps), (double)gen0 / Math.Max(1, timedSteps), gen1, gen2, timedSteps, collections, steps, jit);
    }

    private static double Accuracy(Module net, float[] xs, byte[] ys)
    {
        net.Eval();
        int correct = 0, chunk = 1000;
        using (Tensor.NoGrad())
        {
            for (int start = 0; start < ys.Length; start += chunk)
            {
                int size = Math.Min(chunk, ys.Length - start);
                using var scope = Tensor.Scope();
                var x = Tensor.FromArray(xs.AsSpan(start * 784, size * 784).ToArray(), [size, 1, 28, 28]);
                var logits = net.Call(x).Contiguous();
                var z = logits.AsSpan<float>();
                for (int i = 0; i < size; i++)
                {
                    var row = z.Slice(i * 10, 10);
                    int best = 0;
                    for (int j = 1; j < 10; j++)
                    {
                        if (row[j] > row[best]) best = j;
                    }

                    if (best == ys[start + i]) correct++;
                }
            }
        }

        return (double)correct / ys.Length;
    }

    private static void Fill(Tensor x, Tensor y, ReadOnlySpan<int> rows, float[] pixels, byte[] labels)
    {
        var xs = x.AsSpan<float>();
        var ls = y.AsSpan<long>();
        for (int i = 0; i < rows.Length; i++)
        {
            pixels.AsSpan(rows[i] * 784, 784).CopyTo(xs.Slice(i * 784, 784));
            ls[i] = labels[rows[i]];
        }
    }

    private static void Shuffle(int[] perm, Generator gen)
    {
        for (int i = 0; i < perm.Length; i++) perm[i] = i;
        var keys = Tensor.Rand([perm.Length], DType.Float64, gen).AsSpan<double>().ToArray();
        Array.Sort(keys, perm);
    }

    private static float[] Pixels(FashionMnistSplit split)
    {
        var x = new float[split.Images.Length];
        for (int i = 0; i < x.Length; i++) x[i] = split.Images[i] / 255f;
        return x;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
