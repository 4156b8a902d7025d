using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A quantity accumulated over batches and read once per epoch (Keras's <c>keras.metrics.Metric</c>): Fit calls
/// <see cref="Reset"/> before each epoch (and before validation), <see cref="Update"/> after each batch with the
/// model's output and the target, and <see cref="Compute"/> at the end. Updates see detached values and record no
/// graph.
/// </summary>
public abstract class Metric
{
    /// <summary>The key in the logs and the <see cref="History"/> (<c>accuracy</c>); validation uses <c>val_</c> + name.</summary>
    public abstract string Name { get; }

    /// <summary>Forgets everything accumulated.</summary>
    public abstract void Reset();

    /// <summary>
    /// Accumulates one batch: the model's <paramref name="output"/> and the <paramref name="target"/>. Fit and Evaluate call
    /// it inside the batch's <see cref="Tensor.Scope"/>, so <paramref name="output"/> is released when the batch ends:
    /// accumulate numbers (or copies made with <c>ToArray</c>), or <see cref="Tensor.Keep"/> a tensor you store.
    /// </summary>
    public abstract void Update(Tensor output, Tensor target);

    /// <summary>The value over everything accumulated since <see cref="Reset"/>.</summary>
    public abstract double Compute();
}
