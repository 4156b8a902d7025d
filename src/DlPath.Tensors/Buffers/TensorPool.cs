using System.Runtime.CompilerServices;

namespace DlPath.Tensors.Buffers;

/// <summary>
/// The arrays behind tensors that a <see cref="TensorScope"/> gave back, kept for the next tensors of the same
/// length. A training step allocates the same sizes every time, so after the first step every activation,
/// gradient and temporary of a scoped step comes from here instead of the GC heap (and large ones no longer
/// fault fresh pages in or trigger gen2 collections). Arrays are kept at their exact length, so a tensor's
/// storage is never longer than the tensor needs. Thread-safe.
/// </summary>
/// <remarks>
/// Only scopes put arrays here, and only arrays of storages nothing can reach any more without an error (see
/// <see cref="TensorScope"/>): that is what makes handing them out again safe.
/// </remarks>
public static class TensorPool
{
    private static long s_maxBytes = DefaultMaxBytes();
    private static long s_heldBytes;
    private static long s_rented;
    private static long s_reused;

    /// <summary>
    /// The most bytes the pool holds; arrays given back beyond it are left to the GC. The default is a quarter of the
    /// memory available to the process, at most 1 GiB. Lowering it does not drop what is held now: call <see cref="Clear"/>.
    /// </summary>
    public static long MaxBytes
    {
        get => Volatile.Read(ref s_maxBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref s_maxBytes, value);
        }
    }

    /// <summary>The bytes the pool holds now, ready to be handed out.</summary>
    public static long HeldBytes => Interlocked.Read(ref s_heldBytes);

    /// <summary>How many tensor arrays were asked for since the process started (from the pool or not).</summary>
    public static long Rented => Interlocked.Read(ref s_rented);

    /// <summary>How many of <see cref="Rented"/> were served from the pool.</summary>
    public static long Reused => Interlocked.Read(ref s_reused);

    /// <summary>Drops every array the pool holds (they become ordinary garbage).</summary>
    public static void Clear()
    {
        Bucket<float>.Clear();
        Bucket<double>.Clear();
        Bucket<long>.Clear();
        Bucket<bool>.Clear();
    }

    /// <summary>An array of exactly <paramref name="length"/> elements; zeroed when <paramref name="zero"/>, undefined otherwise.</summary>
    internal static T[] Rent<T>(int length, bool zero)
    {
        Interlocked.Increment(ref s_rented);
        if (length == 0) return [];
        var array = Bucket<T>.TryTake(length);
        if (array is null)
        {
            // Fresh memory: the GC zeroes it unless asked not to, so a clear is never needed here.
            array = zero ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        }
        else
        {
            Interlocked.Increment(ref s_reused);
            if (zero) array.AsSpan().Clear();
        }

        if (!zero && PoisonUninitialized) Poison(array);
        return array;
    }

    /// <summary>
    /// Fill "uninitialised" outputs with NaN (a marker for int64, true for bool), so a kernel that does not write every
    /// element of an output it got from <see cref="Tensor.Uninitialized{T}"/> fails its tests instead of passing on the
    /// zeros fresh memory happens to hold. On in Debug builds; the tensor tests turn it on in every configuration.
    /// </summary>
#if DEBUG
    internal static bool PoisonUninitialized = true;
#else
    internal static bool PoisonUninitialized;
#endif

    private static void Poison<T>(T[] array)
    {
        if (array is float[] f) f.AsSpan().Fill(float.NaN);
        else if (array is double[] d) d.AsSpan().Fill(double.NaN);
        else if (array is long[] l) l.AsSpan().Fill(0x5A5A5A5A5A5A5A5AL);
        else if (array is bool[] b) b.AsSpan().Fill(true);
    }

    /// <summary>Takes back an array that nothing references any more.</summary>
    internal static void Return<T>(T[] array)
    {
        if (array.Length == 0) return;
        long bytes = (long)array.Length * Unsafe.SizeOf<T>();
        if (Interlocked.Add(ref s_heldBytes, bytes) > MaxBytes)
        {
            Interlocked.Add(ref s_heldBytes, -bytes);
            return;
        }

        Bucket<T>.Put(array);
    }

    private static long DefaultMaxBytes()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available <= 0 ? 1L << 30 : Math.Min(1L << 30, available / 4);
    }

    /// <summary>The free arrays of one element type, by exact length.</summary>
    private static class Bucket<T>
    {
        private static readonly Dictionary<int, Stack<T[]>> s_free = [];
        private static readonly Lock s_lock = new();

        public static T[]? TryTake(int length)
        {
            T[]? array = null;
            lock (s_lock)
            {
                if (s_free.TryGetValue(length, out var stack) && stack.Count > 0) array = stack.Pop();
            }

            if (array is not null) Interlocked.Add(ref s_heldBytes, -(long)array.Length * Unsafe.SizeOf<T>());
            return array;
        }

        public static void Put(T[] array)
        {
            lock (s_lock)
            {
                if (!s_free.TryGetValue(array.Length, out var stack))
                {
                    stack = new Stack<T[]>();
                    s_free[array.Length] = stack;
                }

                stack.Push(array);
            }
        }

        public static void Clear()
        {
            long bytes = 0;
            lock (s_lock)
            {
                foreach (var stack in s_free.Values)
                {
                    foreach (var a in stack) bytes += (long)a.Length * Unsafe.SizeOf<T>();
                }

                s_free.Clear();
            }

            Interlocked.Add(ref s_heldBytes, -bytes);
        }
    }
}
