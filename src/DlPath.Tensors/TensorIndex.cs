namespace DlPath.Tensors;

/// <summary>
/// One entry of a tensor index <c>x[...]</c>, as in Python: an int (selects, drops the dim), a range or
/// <see cref="Slice"/> (keeps the dim, a view), <see cref="NewAxis"/> (<c>None</c>), <see cref="Ellipsis"/>
/// (<c>...</c>), an int64 tensor or <c>long[]</c> (advanced indexing, a copy) or a bool tensor (mask).
/// </summary>
/// <example><code>
/// x[0]                       // x[0]
/// x[1..^1, TensorIndex.Slice(null, null, 2)]   // x[1:-1, ::2]
/// x[TensorIndex.Ellipsis, TensorIndex.NewAxis] // x[..., None]
/// x[new long[] { 2, 0 }]     // x[[2, 0]]
/// x[x > 0]                   // x[x > 0]
/// </code></example>
public readonly struct TensorIndex
{
    private TensorIndex(TensorIndexKind kind, int index = 0, int? start = null, int? stop = null, int step = 1, Tensor? tensor = null)
    {
        Kind = kind;
        Index = index;
        Start = start;
        Stop = stop;
        _step = step;
        Tensor = tensor;
    }

    /// <summary>What kind of entry this is.</summary>
    public TensorIndexKind Kind { get; }

    /// <summary>The position, for <see cref="TensorIndexKind.Single"/> (negative counts from the end).</summary>
    public int Index { get; }

    /// <summary>The slice start (null: from the beginning), for <see cref="TensorIndexKind.Slice"/>.</summary>
    public int? Start { get; }

    /// <summary>The slice end, exclusive (null: to the end), for <see cref="TensorIndexKind.Slice"/>.</summary>
    public int? Stop { get; }

    private readonly int _step;

    /// <summary>The slice step (positive; 1 for a default-constructed full slice), for <see cref="TensorIndexKind.Slice"/>.</summary>
    public int Step => _step < 1 ? 1 : _step;

    /// <summary>The index tensor (int64 or bool), for <see cref="TensorIndexKind.Tensor"/>.</summary>
    public Tensor? Tensor { get; }

    /// <summary><c>None</c> in Python: inserts a dim of size 1.</summary>
    public static TensorIndex NewAxis { get; } = new(TensorIndexKind.NewAxis);

    /// <summary><c>...</c> in Python: as many full slices as needed to index every remaining dim.</summary>
    public static TensorIndex Ellipsis { get; } = new(TensorIndexKind.Ellipsis);

    /// <summary>The full slice <c>:</c>.</summary>
    public static TensorIndex Colon { get; } = new(TensorIndexKind.Slice);

    /// <summary>
    /// <c>start:stop:step</c>; null bounds mean the beginning/end, negative ones count from the end, and both are
    /// clamped like Python slices. The step must be positive (torch does not support negative steps).
    /// </summary>
    public static TensorIndex Slice(int? start = null, int? stop = null, int step = 1)
    {
        if (step <= 0)
        {
            throw new ArgumentException($"index: slice step must be positive, got {step} (torch has no negative steps; use Flip instead)", nameof(step));
        }

        return new(TensorIndexKind.Slice, start: start, stop: stop, step: step);
    }

    /// <summary>An int selects one position and removes the dim (a view).</summary>
    public static TensorIndex Single(int index) => new(TensorIndexKind.Single, index: index);

    /// <summary>An int64 tensor of positions (advanced indexing) or a bool mask.</summary>
    public static TensorIndex FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType is not (DType.Int64 or DType.Bool))
        {
            throw new ArgumentException($"index: tensors used as indices must be int64 or bool, got {tensor.DType.Name()} {tensor.ShapeString}", nameof(tensor));
        }

        return new(TensorIndexKind.Tensor, tensor: tensor);
    }

    /// <summary><c>x[3]</c>.</summary>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary><c>x[1..^1]</c> is <c>x[1:-1]</c>; <c>^0</c> is the end of the dim.</summary>
    public static implicit operator TensorIndex(Range range)
    {
        int? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? int.MaxValue : -range.Start.Value) : range.Start.Value;
        int? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return Slice(start, stop);
    }

    /// <summary><c>x[idx]</c> with an int64 tensor or a bool mask.</summary>
    public static implicit operator TensorIndex(Tensor tensor) => FromTensor(tensor);

    /// <summary><c>x[[2, 0, 1]]</c>: positions along one dim (advanced indexing).</summary>
    public static implicit operator TensorIndex(long[] indices) => FromTensor(Tensor.FromArray(indices));

    /// <summary><c>x[[2, 0, 1]]</c> with int positions.</summary>
    public static implicit operator TensorIndex(int[] indices) => FromTensor(Tensor.FromArray(Array.ConvertAll(indices, i => (long)i)));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        TensorIndexKind.Single => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TensorIndexKind.Slice => $"{Start}:{Stop}{(Step == 1 ? string.Empty : ":" + Step)}",
        TensorIndexKind.NewAxis => "None",
        TensorIndexKind.Ellipsis => "...",
        _ => $"tensor{Tensor!.ShapeString}",
    };
}
