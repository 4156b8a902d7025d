using System.Diagnostics;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors;

/// <summary>
/// An n-dimensional array with a runtime dtype, shape and strides, and reverse-mode autograd: the
/// <c>torch.Tensor</c> of DlPath. Views (reshape, transpose, slicing, expand) share storage with the
/// tensor they come from; ops build a graph when an input requires a gradient.
/// </summary>
/// <remarks>See <c>docs/rosetta.md</c> for the PyTorch name of each member.</remarks>
[DebuggerDisplay("{DebuggerSummary,nq}")]
public sealed partial class Tensor
{
    internal readonly Storage _storage;
    internal readonly int[] _shape;
    internal readonly int[] _strides;
    internal readonly int _offset;
    private bool _requiresGrad;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        Numel = ShapeUtil.Numel(shape);
        IsContiguous = ComputeContiguous(shape, strides);
    }

    internal Tensor(Storage storage, int[] shape)
        : this(storage, shape, ShapeUtil.ContiguousStrides(shape), 0)
    {
    }

    /// <summary>The element type.</summary>
    public DType DType => _storage.DType;

    /// <summary>The size of each dimension.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The step in elements between neighbours along each dimension (0 for broadcast dims).</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Index of the first element in the underlying storage.</summary>
    public int StorageOffset => _offset;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of elements.</summary>
    public int Numel { get; }

    /// <summary>True when the elements lie in row-major order without gaps, so kernels can treat them as a span.</summary>
    public bool IsContiguous { get; }

    /// <summary>The device the data lives on; CPU is the only one today.</summary>
    public Device Device => Device.Cpu;

    /// <summary>Size of one dimension (negative dims count from the end).</summary>
    public int Size(int dim) => _shape[ShapeUtil.WrapDim(dim, Rank, "size")];

    /// <summary>A copy of the shape.</summary>
    public int[] ShapeArray() => (int[])_shape.Clone();

    /// <summary>The shape formatted as <c>(2,3)</c>.</summary>
    public string ShapeString => ShapeUtil.Format(_shape);

    /// <summary>True when this tensor and <paramref name="other"/> share one storage (one is a view of the other).</summary>
    public bool SharesStorageWith(Tensor other) => ReferenceEquals(_storage, other._storage);

    /// <summary>How many times the storage was changed in place (autograd uses it to catch stale saved tensors).</summary>
    public int Version => _storage.Version;

    internal void BumpVersion() => _storage.Version++;

    /// <summary>
    /// The storage's array. Every read or write of a tensor's elements goes through here, which is what makes a
    /// released tensor fail loudly rather than read an array the pool has handed to another tensor. Whoever gets the
    /// array may write to it without bumping the version, so the storage's known-zero mark is dropped here.
    /// </summary>
    internal T[] Data<T>()
    {
        var storage = (Storage<T>)_storage;
        storage.ZeroedAtVersion = -1;
        return storage.DataOrNull ?? throw ReleasedError();
    }

    /// <summary>destination[i] = 0 + source[offset + i] (so −0 becomes +0); a long run in one range per thread.</summary>
    private static void AddZero<T>(T[] source, int offset, T[] destination, int n)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (n < 2 * Kernels.MemoryBoundSplit.MinElementsPerThread)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(source.AsSpan(offset, n), T.Zero, destination.AsSpan(0, n));
        }
        else
        {
            Kernels.MemoryBoundSplit.For(n, (start, length) =>
                System.Numerics.Tensors.TensorPrimitives.Add(source.AsSpan(offset + start, length), T.Zero, destination.AsSpan(start, length)));
        }
    }

    /// <summary>
    /// When this tensor is known to hold only zeros (it was zeroed in place by <see cref="Fill"/> over its whole storage
    /// and nothing touched the storage since), overwrites it with <c>0 + source</c> and returns true; otherwise returns
    /// false and changes nothing. Same result as <c>AddInPlace(source)</c> bit for bit (adding +0 turns a −0 into +0
    /// exactly as the addition would), with one stream of memory traffic less: the backward pass accumulates a leaf's
    /// first gradient of a step this way after <c>ZeroGrad(setToNone: false)</c>.
    /// </summary>
    internal bool TryOverwriteKnownZero(Tensor source)
    {
        if (!_storage.IsKnownZero || _offset != 0 || Numel != _storage.Length || !IsContiguous
            || source.DType != DType || !source.IsContiguous || !ShapeUtil.SameShape(_shape, source._shape))
        {
            return false;
        }

        switch (DType)
        {
            case DType.Float32:
                AddZero(source.Data<float>(), source._offset, Data<float>(), Numel);
                break;
            case DType.Float64:
                AddZero(source.Data<double>(), source._offset, Data<double>(), Numel);
                break;
            default:
                return false;
        }

        BumpVersion();
        return true;
    }

    /// <summary>True once the <see cref="Scope"/> this tensor's storage was created in ended (and the tensor was not kept).</summary>
    public bool IsReleased => _storage.IsReleased;

    /// <summary>
    /// Keeps this tensor's storage (so this tensor and all its views) alive after the <see cref="Scope"/> it was created
    /// in ends: it is never handed back to the pool. A no-op for tensors created outside any scope. Returns this tensor.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scope already ended.</exception>
    public Tensor Keep()
    {
        if (_storage.IsReleased) throw ReleasedError();
        _storage.Keep();
        return this;
    }

    /// <summary>
    /// Opens a scope that records every tensor created on this thread until it is disposed, then gives their memory
    /// back to the pool for reuse (see <see cref="TensorScope"/>): <c>using var scope = Tensor.Scope();</c> at the top
    /// of a training step makes a steady-state step allocate (almost) nothing.
    /// </summary>
    public static TensorScope Scope() => new();

    private InvalidOperationException ReleasedError() => new(
        $"this {ShapeString} {DType.Name()} tensor was released when its Tensor.Scope() ended; call Keep() on it (or on a Clone() of it) before the scope ends, or create it outside the scope");

    /// <summary>
    /// The elements as a span, for contiguous tensors of element type <typeparamref name="T"/>; writing to it
    /// changes the tensor (and bypasses autograd).
    /// </summary>
    /// <remarks>
    /// Take the span after the last in-place op you want it to follow: a leaf's gradient zeroed in place is known to
    /// hold zeros until its data is next handed out, and the backward pass then overwrites it instead of adding to it,
    /// so a write through a span taken before <see cref="Zero"/> and used after it would be lost.
    /// </remarks>
    public Span<T> AsSpan<T>()
    {
        CheckElementType<T>("AsSpan");
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsSpan: the {ShapeString} tensor is a non-contiguous view (strides {ShapeUtil.Format(_strides)}); call Contiguous() first");
        }

        return Data<T>().AsSpan(_offset, Numel);
    }

    /// <summary>The elements in row-major order, as a new array of <typeparamref name="T"/> (converting the dtype if needed).</summary>
    public T[] ToArray<T>()
    {
        DType target = DTypes.Of<T>();
        Tensor t = DType == target ? Contiguous() : To(target);
        return t.Data<T>().AsSpan(t._offset, t.Numel).ToArray();
    }

    /// <summary>The value of a one-element tensor (as <c>tensor.item()</c>).</summary>
    public T Item<T>()
    {
        if (Numel != 1)
        {
            throw new ShapeException($"item: only a one-element tensor can be converted to a scalar, this one is {ShapeString}");
        }

        // Read in place when no conversion is needed: optimizers read their step count this way every step.
        if (typeof(T) == typeof(float) && DType == DType.Float32) return (T)(object)Data<float>()[_offset];
        if (typeof(T) == typeof(double) && DType == DType.Float64) return (T)(object)Data<double>()[_offset];
        if (typeof(T) == typeof(long) && DType == DType.Int64) return (T)(object)Data<long>()[_offset];
        return ToArray<T>()[0];
    }

    /// <summary>The value of a one-element tensor as a double, whatever its dtype.</summary>
    public double Item()
    {
        // Widening a float32 to double is exact, so reading it in place gives what converting the tensor would.
        if (Numel == 1 && DType == DType.Float32) return Data<float>()[_offset];
        return Item<double>();
    }

    /// <summary>The element at a full index (one int per dimension; negative counts from the end).</summary>
    public T GetValue<T>(params int[] index)
    {
        CheckElementType<T>("GetValue");
        return Data<T>()[ElementOffset(index, "GetValue")];
    }

    /// <summary>Writes the element at a full index in place (no autograd).</summary>
    public void SetValue<T>(T value, params int[] index)
    {
        CheckElementType<T>("SetValue");
        Data<T>()[ElementOffset(index, "SetValue")] = value;
        BumpVersion();
    }

    internal int ElementOffset(int[] index, string op)
    {
        if (index.Length != Rank)
        {
            throw new ShapeException($"{op}: {index.Length} indices for a tensor of rank {Rank} {ShapeString}");
        }

        int off = _offset;
        for (int d = 0; d < index.Length; d++)
        {
            int i = index[d];
            if (i < -_shape[d] || i >= _shape[d])
            {
                throw new IndexOutOfRangeException($"{op}: index {i} is out of bounds for dim {d} of size {_shape[d]} in a {ShapeString} tensor");
            }

            off += (i < 0 ? i + _shape[d] : i) * _strides[d];
        }

        return off;
    }

    internal void CheckElementType<T>(string op)
    {
        if (DTypes.Of<T>() != DType)
        {
            throw new InvalidOperationException($"{op}<{typeof(T).Name}>: the tensor's dtype is {DType.Name()}; use To(DType.{DTypes.Of<T>()}) or the matching element type");
        }
    }

    private static bool ComputeContiguous(int[] shape, int[] strides)
    {
        // An empty tensor has no elements to be out of order (torch: is_contiguous() is true when numel == 0);
        // without this, a fresh zero-size tensor would not count as contiguous and AsSpan on it would throw.
        if (Array.IndexOf(shape, 0) >= 0) return true;
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }

        return true;
    }

    private string DebuggerSummary => $"tensor {ShapeString} {DType.Name()}{(RequiresGrad ? " requires_grad" : string.Empty)}{(GradFn is null ? string.Empty : " grad_fn=" + GradFn.Name)}";
}
