using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Compiles a model's training step before the first real batch, on a background thread: a throwaway copy of the
/// model takes a few steps on a zero batch of the real shape, while the caller does something else (typically
/// loading the data). The JIT compiles each method on its first call, and the engine's kernels at full optimisation,
/// which costs a fifth of a second or more (about as long as a hundred steps of the MLP); started before the data
/// loads, that work runs beside the loading instead of inside the first epoch.
/// </summary>
/// <remarks>
/// The copy has its own parameters, optimizer and generator: nothing the caller owns is read or changed, and the
/// default <see cref="Generator"/> is not drawn from. Its steps run in a <see cref="Tensor.Scope"/> on the
/// background thread. Any exception of the warm-up is the one the first real step would throw; it is rethrown by
/// <c>GetAwaiter().GetResult()</c> on the returned task.
/// </remarks>
/// <example><code>
/// var warmup = TrainingWarmup.Start(() => FashionMnistModels.Cnn(new Generator(0)), [128, 1, 28, 28],
///     p => new Adam(p, 1e-3));
/// var (train, test) = FashionMnist.Load();   // meanwhile the step compiles
/// warmup.GetAwaiter().GetResult();
/// </code></example>
public static class TrainingWarmup
{
    /// <summary>
    /// Starts <paramref name="steps"/> training steps (cross-entropy against class 0, which any classifier has, then <paramref name="optimizer"/>'s
    /// step) of the model <paramref name="build"/> returns, on a float32 zero batch of <paramref name="inputShape"/>,
    /// on a thread-pool thread. Wait for the task before the first real step.
    /// </summary>
    /// <param name="build">Builds the throwaway model; it should be the architecture that will be trained (give it its own <see cref="Generator"/>).</param>
    /// <param name="inputShape">One batch's input shape, batch dimension first, as the real batches have it: the kernels taken can depend on it.</param>
    /// <param name="optimizer">Builds the optimizer the real run uses, over the copy's parameters.</param>
    /// <param name="steps">How many steps (at least 1). One compiles everything; more only repeat it.</param>
    public static Task Start(Func<Module> build, int[] inputShape, Func<IEnumerable<Parameter>, Optimizer> optimizer, int steps = 1)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (inputShape.Length == 0 || inputShape.Any(d => d < 1))
        {
            throw new ArgumentException($"warm-up: the input shape must have a batch dimension and no dimension below 1, got [{string.Join(", ", inputShape)}]", nameof(inputShape));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        int[] shape = [.. inputShape];
        return Task.Run(() => Run(build, shape, optimizer, steps));
    }

    private static void Run(Func<Module> build, int[] inputShape, Func<IEnumerable<Parameter>, Optimizer> makeOptimizer, int steps)
    {
        var model = build();
        model.Train();
        var optimizer = makeOptimizer(model.Parameters());
        var loss = new CrossEntropyLoss();
        var x = Tensor.Zeros(inputShape);
        var y = Tensor.Zeros([inputShape[0]], DType.Int64);
        for (int s = 0; s < steps; s++)
        {
            using var scope = Tensor.Scope();
            optimizer.ZeroGrad(setToNone: false);
            loss.Call(model.Call(x), y).Backward();
            optimizer.Step();
        }
    }
}
