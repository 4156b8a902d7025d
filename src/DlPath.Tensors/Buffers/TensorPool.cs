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
/// <para>
/// The pool is bounded by <see cref="MaxBytes"/>. When an array given back does not fit, the arrays of the length
/// least recently asked for are dropped first, so a working set that changes (a validation pass with bigger batches,
/// then training again) ends up holding what is used now rather than what was used first.
/// </para>
/// <para>
/// Only scopes put arrays here, and only arrays of storages nothing can reach any more without an error (see
/// <see cref="TensorScope"/>): that is what makes handing them out again safe.
/// </para>
/// </remarks>
public static class TensorPool
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<(Type Type, int Length), Bucket> s_buckets = [];
    private static long s_maxBytes = DefaultMaxBytes();
    private static long s_heldBytes;
    private static long s_tick;
    private static long s_rented;
    private static long s_reused;

    /// <summary>
    /// The most bytes the pool holds; beyond it the least recently used lengths are dropped (left to the GC). The
    /// default is a quarter of the memory available to the process, at most 1 GiB. Lowering it does not drop what is
    /// held now: call <see cref="Clear"/>.
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
    public static long HeldBytes => Volatile.Read(ref s_heldBytes);

    /// <summary>How many tensor arrays were asked for since the process started (from the pool or not).</summary>
    public static long Rented => Interlocked.Read(ref s_rented);

    /// <summary>How many of <see cref="Rented"/> were served from the pool.</summary>
    public static long Reused => Interlocked.Read(ref s_reused);

    /// <summary>Drops every array the pool holds (they become ordinary garbage).</summary>
    public static void Clear()
    {
        lock (s_lock)
        {
            s_buckets.Clear();
            Volatile.Write(ref s_heldBytes, 0);
        }
    }

    /// <summary>An array of exactly <paramref name="length"/> elements; zeroed when <paramref name="zero"/>, undefined otherwise.</summary>
    internal static T[] Rent<T>(int length, bool zero)
    {
        Interlocked.Increment(ref s_rented);
        if (length == 0) return [];
        T[]? array = null;
        lock (s_lock)
        {
            if (s_buckets.TryGetValue((typeof(T), length), out var bucket))
            {
                bucket.LastUsed = ++s_tick;
                if (bucket.Free.Count > 0)
                {
                    array = (T[])bucket.Free.Pop();
                    Volatile.Write(ref s_heldBytes, s_heldBytes - bucket.ArrayBytes);
                }
            }
        }

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

    /// <summary>Takes back an array that nothing references any more.</summary>
    internal static void Return<T>(T[] array)
    {
        if (array.Length == 0) return;
        long bytes = (long)array.Length * Unsafe.SizeOf<T>();
        lock (s_lock)
        {
            long max = MaxBytes;
            if (bytes > max) return;
            var key = (typeof(T), array.Length);
            if (!s_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket(bytes);
                s_buckets[key] = bucket;
            }

            bucket.LastUsed = ++s_tick;
            while (s_heldBytes + bytes > max)
            {
                if (!EvictLeastRecentlyUsed(except: bucket)) return;
            }

            bucket.Free.Push(array);
            Volatile.Write(ref s_heldBytes, s_heldBytes + bytes);
        }
    }

    /// <summary>Drops one array of the length least recently used (other than <paramref name="except"/>'s); false when there is none.</summary>
    private static bool EvictLeastRecentlyUsed(Bucket except)
    {
        Bucket? oldest = null;
        foreach (var b in s_buckets.Values)
        {
            if (b != except && b.Free.Count > 0 && (oldest is null || b.LastUsed < oldest.LastUsed)) oldest = b;
        }

        if (oldest is null) return false;
        oldest.Free.Pop();
        Volatile.Write(ref s_heldBytes, s_heldBytes - oldest.ArrayBytes);
        return true;
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

    private static long DefaultMaxBytes()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available <= 0 ? 1L << 30 : Math.Min(1L << 30, available / 4);
    }

    /// <summary>The free arrays of one element type and length, and when that length was last asked for.</summary>
    private sealed class Bucket(long arrayBytes)
    {
        public readonly Stack<Array> Free = new();
        public readonly long ArrayBytes = arrayBytes;
        public long LastUsed;
    }
}
