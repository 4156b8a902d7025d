using System.Buffers;

namespace DlPath.Tensors.Buffers;

/// <summary>
/// A kernel's temporary array (im2col columns, a permuted gradient) rented from the shared
/// <see cref="ArrayPool{T}"/> and given back when the scope ends. Scratch never escapes into a tensor: the
/// array is only touched between <see cref="Rent"/> and <see cref="Dispose"/> by the kernel that rented it, so
/// a buffer can never be handed out while something still reads it. That is the safety rule of the pool: op
/// outputs and gradients, which callers keep, are never pooled this way.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal struct ScratchBuffer<T> : IDisposable
    where T : unmanaged
{
    private T[]? _array;

    private ScratchBuffer(T[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>The usable length (the rented array may be longer).</summary>
    public int Length { get; }

    /// <summary>The usable part of the buffer. Contents are undefined after <see cref="Rent"/> unless cleared.</summary>
    public readonly Span<T> Span => _array is null ? default : _array.AsSpan(0, Length);

    /// <summary>The rented array itself (longer than <see cref="Length"/> in general), for kernels that take arrays.</summary>
    public readonly T[] Array => _array ?? throw new ObjectDisposedException(nameof(ScratchBuffer<T>));

    /// <summary>Rents at least <paramref name="length"/> elements; <paramref name="clear"/> zeroes the usable part.</summary>
    public static ScratchBuffer<T> Rent(int length, bool clear = false)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        if (clear) array.AsSpan(0, length).Clear();
        return new ScratchBuffer<T>(array, length);
    }

    /// <summary>Returns the array to the pool; the buffer must not be used afterwards.</summary>
    public void Dispose()
    {
        var array = _array;
        _array = null;
        if (array is not null) ArrayPool<T>.Shared.Return(array);
    }
}
