using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A collection of (input, target) samples indexed 0 .. <see cref="Count"/>-1 (<c>torch.utils.data.Dataset</c>,
/// https://pytorch.org/docs/stable/data.html#torch.utils.data.Dataset). Subclass it for data that does not fit a
/// tensor (files on disk, generated samples): implement <see cref="Count"/> and <see cref="GetItem"/>, and
/// <see cref="DataLoader"/> batches it. Override <see cref="GetBatch"/> when a whole batch can be gathered faster
/// than sample by sample, as <see cref="TensorDataset"/> does.
/// </summary>
public abstract class Dataset
{
    /// <summary>The number of samples (<c>__len__</c>).</summary>
    public abstract int Count { get; }

    /// <summary>The sample at <paramref name="index"/> (<c>__getitem__</c>), without a batch dimension.</summary>
    public abstract Batch GetItem(int index);

    /// <summary>
    /// The samples at <paramref name="indices"/> collated into one batch: inputs and targets each stacked along a new
    /// first dimension (PyTorch's <c>default_collate</c>). The default stacks <see cref="GetItem"/> results; every
    /// sample must have the same shapes.
    /// </summary>
    public virtual Batch GetBatch(ReadOnlySpan<long> indices)
    {
        if (indices.IsEmpty) throw new ArgumentException($"{GetType().Name}.GetBatch: no indices given", nameof(indices));
        var inputs = new Tensor[indices.Length];
        var targets = new Tensor[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var (x, y) = GetItem(CheckIndex(indices[i]));
            inputs[i] = x;
            targets[i] = y;
        }

        return new Batch(Tensor.Stack(inputs), Tensor.Stack(targets));
    }

    /// <summary>Checks that <paramref name="index"/> is a valid sample index and returns it as an int.</summary>
    protected int CheckIndex(long index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{GetType().Name}: index {index} is out of range for a dataset of {Count} samples");
        }

        return (int)index;
    }
}
