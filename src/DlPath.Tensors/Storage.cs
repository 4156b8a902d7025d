using DlPath.Tensors.Buffers;

namespace DlPath.Tensors;

/// <summary>
/// The flat buffer behind one or more tensors. Views share a storage; the version counter lets autograd
/// notice when a tensor it saved for the backward pass was changed in place afterwards.
/// </summary>
/// <remarks>
/// A storage created while a <see cref="TensorScope"/> is active on its thread is recorded by that scope. When
/// the scope ends, the storage gives its array back to <see cref="TensorPool"/> and forgets it, unless it was
/// kept: every tensor and view on it then throws instead of reading memory that another tensor may own by now.
/// </remarks>
internal abstract class Storage
{
    /// <summary>Bumped by every in-place write through any view of this storage.</summary>
    public int Version;

    /// <summary>
    /// The <see cref="Version"/> at which every element was last set to zero by <see cref="Tensor.Fill"/>, or -1. The
    /// mark holds only while the version still equals it (any in-place write bumps the version) and is dropped whenever
    /// the raw array is handed out (<see cref="Tensor.Data{T}"/>, so <see cref="Tensor.AsSpan{T}"/> too), since a write
    /// through a span bumps nothing. Gradient accumulation uses it: a gradient zeroed in place by
    /// <c>ZeroGrad(setToNone: false)</c> receives its first contribution as a copy instead of an addition.
    /// </summary>
    public int ZeroedAtVersion = -1;

    /// <summary>True while every element is known to be zero (see <see cref="ZeroedAtVersion"/>).</summary>
    public bool IsKnownZero => ZeroedAtVersion == Version;

    /// <summary>Where this storage stands with respect to the scopes; see <see cref="StorageLifetime"/>.</summary>
    internal StorageLifetime Lifetime;

    protected Storage(int length) => Length = length;

    public abstract DType DType { get; }

    /// <summary>The logical number of elements (the array is exactly this long while the storage is alive).</summary>
    public int Length { get; }

    /// <summary>True once the scope that recorded this storage ended and took its array back.</summary>
    public bool IsReleased => Lifetime == StorageLifetime.Released;

    /// <summary>The array, or null after release.</summary>
    public abstract Array? Array { get; }

    /// <summary>Marks the storage as outliving every scope: it is never returned to the pool.</summary>
    internal void Keep()
    {
        if (Lifetime != StorageLifetime.Released) Lifetime = StorageLifetime.Kept;
    }

    /// <summary>Gives the array to the pool and drops the reference; only the recording scope calls this.</summary>
    internal abstract void Release();
}

/// <summary>How long a storage's array belongs to it.</summary>
internal enum StorageLifetime : byte
{
    /// <summary>Created while no scope was active on its thread (or wrapping a caller's array): ordinary GC memory.</summary>
    Unscoped,

    /// <summary>Recorded by an active scope: returned to the pool when the scope ends.</summary>
    Scoped,

    /// <summary>Recorded by a scope but kept (<see cref="Tensor.Keep"/>): ordinary GC memory from now on.</summary>
    Kept,

    /// <summary>Its scope ended: the array went back to the pool; touching the data throws.</summary>
    Released,
}

/// <summary>A storage of elements of the .NET type <typeparamref name="T"/>.</summary>
internal sealed class Storage<T> : Storage
{
    private static readonly DType s_dtype = DTypes.Of<T>();
    private T[]? _data;

    /// <summary>A storage over an array that nothing else references (a fresh copy): recorded by the active scope if any.</summary>
    public Storage(T[] data)
        : base(data.Length)
    {
        _data = data;
        TensorScope.RecordInCurrent(this);
    }

    private Storage(T[] data, StorageLifetime lifetime)
        : base(data.Length)
    {
        _data = data;
        Lifetime = lifetime;
    }

    /// <summary>The elements, or null once released (<see cref="Tensor.Data{T}"/> turns that into a clear error).</summary>
    public T[]? DataOrNull => _data;

    public override DType DType => s_dtype;

    public override Array? Array => _data;

    /// <summary>
    /// A storage of <paramref name="length"/> elements from the pool (or freshly allocated), recorded by the active
    /// scope if any. With <paramref name="zero"/> false the contents are undefined: only for outputs a kernel
    /// overwrites completely.
    /// </summary>
    public static Storage<T> Allocate(int length, bool zero) => new(TensorPool.Rent<T>(length, zero));

    /// <summary>A storage over a caller's array (<see cref="Tensor.WrapArray{T}"/>): never recorded, never pooled.</summary>
    public static Storage<T> Wrap(T[] data) => new(data, StorageLifetime.Kept);

    internal override void Release()
    {
        var data = _data;
        _data = null;
        Lifetime = StorageLifetime.Released;
        if (data is not null) TensorPool.Return(data);
    }
}
