using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// A dataset over two tensors whose first dimension indexes the samples (<c>torch.utils.data.TensorDataset</c>):
/// sample i is (<c>inputs[i]</c>, <c>targets[i]</c>). Batches are gathered with one copy per sample row straight
/// into the batch's contiguous storage (no per-sample tensors), then the optional <see cref="Transform"/> runs on
/// the whole input batch.
/// </summary>
/// <example><code>
/// var train = new TensorDataset(images, labels);               // images (60000, 1, 28, 28), labels (60000)
/// var loader = new DataLoader(train, batchSize: 128, shuffle: true);
/// </code></example>
public sealed class TensorDataset : Dataset
{
    /// <summary>Creates the dataset; both tensors must have the same size in dimension 0.</summary>
    /// <param name="inputs">The inputs, samples along dimension 0.</param>
    /// <param name="targets">The targets, samples along dimension 0.</param>
    /// <param name="transform">Applied to each input batch (and to single samples from <see cref="GetItem"/>).</param>
    public TensorDataset(Tensor inputs, Tensor targets, Transform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0 || targets.Rank == 0)
        {
            throw new ShapeException($"TensorDataset: inputs {inputs.ShapeString} and targets {targets.ShapeString} need a first (sample) dimension");
        }

        if (inputs.Size(0) != targets.Size(0))
        {
            throw new ShapeException($"TensorDataset: inputs {inputs.ShapeString} and targets {targets.ShapeString} differ in the number of samples ({inputs.Size(0)} vs {targets.Size(0)})");
        }

        // Contiguous once here, so every batch is a plain row copy.
        Inputs = inputs.Detach().Contiguous();
        Targets = targets.Detach().Contiguous();
        Transform = transform;
    }

    /// <summary>The inputs, contiguous, samples along dimension 0.</summary>
    public Tensor Inputs { get; }

    /// <summary>The targets, contiguous, samples along dimension 0.</summary>
    public Tensor Targets { get; }

    /// <summary>The transform applied to input batches, if any.</summary>
    public Transform? Transform { get; }

    /// <inheritdoc/>
    public override int Count => Inputs.Size(0);

    /// <inheritdoc/>
    public override Batch GetItem(int index)
    {
        int i = CheckIndex(index);
        var x = Gather(Inputs, [i]);
        var y = Gather(Targets, [i]);
        x = x.Reshape(x.ShapeArray()[1..]);
        y = y.Reshape(y.ShapeArray()[1..]);
        return new Batch(Transform is null ? x : Transform.Apply(x), y);
    }

    /// <inheritdoc/>
    public override Batch GetBatch(ReadOnlySpan<long> indices)
    {
        if (indices.IsEmpty) throw new ArgumentException("TensorDataset.GetBatch: no indices given", nameof(indices));
        foreach (long i in indices) CheckIndex(i);
        var x = Gather(Inputs, indices);
        return new Batch(Transform is null ? x : Transform.Apply(x), Gather(Targets, indices));
    }

    /// <summary>Copies rows <paramref name="indices"/> of a contiguous tensor into a new (len, ...) tensor.</summary>
    internal static Tensor Gather(Tensor source, ReadOnlySpan<long> indices) => source.DType switch
    {
        DType.Float32 => Gather<float>(source, indices),
        DType.Float64 => Gather<double>(source, indices),
        DType.Int64 => Gather<long>(source, indices),
        DType.Bool => Gather<bool>(source, indices),
        _ => throw new NotSupportedException($"TensorDataset: dtype {source.DType.Name()} is not supported"),
    };

    private static Tensor Gather<T>(Tensor source, ReadOnlySpan<long> indices)
        where T : unmanaged
    {
        int rows = source.Size(0);
        int rowSize = rows == 0 ? 0 : source.Numel / rows;
        var shape = source.ShapeArray();
        shape[0] = indices.Length;
        var data = new T[indices.Length * rowSize];
        ReadOnlySpan<T> src = source.AsSpan<T>();
        for (int i = 0; i < indices.Length; i++)
        {
            src.Slice((int)indices[i] * rowSize, rowSize).CopyTo(data.AsSpan(i * rowSize, rowSize));
        }

        return Tensor.WrapArray(data, shape);
    }
}
