using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// One sample or one batch from a <see cref="Dataset"/>: the model's input and the target it should produce.
/// Deconstructs, so <c>foreach (var (x, y) in loader)</c> reads like PyTorch's <c>for x, y in loader</c>.
/// </summary>
/// <param name="Input">The input: one sample (e.g. (C, H, W)) or a batch with the batch dimension first ((N, C, H, W)).</param>
/// <param name="Target">The target: a class index (int64 scalar) or a value, with the same leading batch dimension as <paramref name="Input"/>.</param>
public readonly record struct Batch(Tensor Input, Tensor Target)
{
    /// <summary>The number of samples: the size of the input's first dimension (1 for an unbatched sample of rank 0).</summary>
    public int Count => Input.Rank == 0 ? 1 : Input.Size(0);
}
