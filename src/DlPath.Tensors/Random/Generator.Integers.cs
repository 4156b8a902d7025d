namespace DlPath.Tensors;

public sealed partial class Generator
{
    /// <summary>
    /// Fills <paramref name="destination"/> with integers drawn uniformly from [<paramref name="low"/>,
    /// <paramref name="high"/>), bit for bit like <c>torch.randint(low, high, size)</c> (int64) /
    /// <c>Tensor.random_(low, high)</c>.
    /// </summary>
    /// <param name="destination">The elements to fill, in order.</param>
    /// <param name="low">Inclusive lower bound (may be negative).</param>
    /// <param name="high">Exclusive upper bound.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="low"/> &gt;= <paramref name="high"/>.</exception>
    /// <remarks>
    /// Mirrors <c>uniform_int_from_to_distribution&lt;int64_t&gt;</c> (ATen/core/DistributionsHelper.h):
    /// with range = high - low, each element is <c>draw % range + low</c>, where the draw is one 32-bit
    /// value while range &lt; 2^32 and one 64-bit value (two 32-bit draws) from 2^32 on. The modulo keeps
    /// PyTorch's tiny bias towards small values; matching it is the point.
    /// </remarks>
    public void RandInt(Span<long> destination, long low, long high)
    {
        if (low >= high)
        {
            throw new ArgumentOutOfRangeException(nameof(low),
                $"randint: expects low < high, but got low={low} >= high={high}");
        }
        var range = unchecked((ulong)high - (ulong)low);
        var baseValue = unchecked((ulong)low);
        lock (_lock)
        {
            if (range >= 1UL << 32)
            {
                Span<ulong> raw = stackalloc ulong[DrawChunk];
                for (var start = 0; start < destination.Length; start += DrawChunk)
                {
                    var chunk = destination.Slice(start, Math.Min(DrawChunk, destination.Length - start));
                    var bits = raw[..chunk.Length];
                    _engine.Fill(bits);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = unchecked((long)(bits[i] % range + baseValue));
                    }
                }
            }
            else
            {
                Span<uint> raw = stackalloc uint[DrawChunk];
                for (var start = 0; start < destination.Length; start += DrawChunk)
                {
                    var chunk = destination.Slice(start, Math.Min(DrawChunk, destination.Length - start));
                    var bits = raw[..chunk.Length];
                    _engine.Fill(bits);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = unchecked((long)(bits[i] % range + baseValue));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with a random permutation of 0 .. n-1, n being its length,
    /// bit for bit like <c>torch.randperm(n)</c> on the CPU.
    /// </summary>
    /// <param name="destination">The n elements to fill.</param>
    /// <remarks>
    /// Mirrors <c>randperm_cpu</c> of PyTorch 1.13 (native/TensorFactories.cpp): start from the identity,
    /// then a forward Fisher-Yates shuffle where step i swaps element i with element
    /// <c>i + random() % (n - i)</c>, one 32-bit draw per step and n - 1 steps. PyTorch 1.13 uses this for
    /// every n (later versions switched to 64-bit draws for very large n).
    /// </remarks>
    public void RandPerm(Span<long> destination)
    {
        long n = destination.Length;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = i;
        }
        // Step i uses exactly one 32-bit draw, so the draws can be taken in chunks ahead of the swaps.
        Span<uint> raw = stackalloc uint[DrawChunk];
        lock (_lock)
        {
            for (var start = 0; start < n - 1; start += DrawChunk)
            {
                var bits = raw[..(int)Math.Min(DrawChunk, n - 1 - start)];
                _engine.Fill(bits);
                for (var k = 0; k < bits.Length; k++)
                {
                    var i = start + k;
                    var j = (int)(i + (long)(bits[k] % (ulong)(n - i)));
                    (destination[i], destination[j]) = (destination[j], destination[i]);
                }
            }
        }
    }

    /// <summary>
    /// Returns a random permutation of 0 .. <paramref name="n"/>-1, like <c>torch.randperm(n)</c>.
    /// </summary>
    /// <param name="n">How many indices; must be &gt;= 0.</param>
    /// <returns>A new array holding the permutation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public long[] RandPerm(int n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"randperm: n must be non-negative, got {n}");
        }
        var result = new long[n];
        RandPerm(result);
        return result;
    }
}
