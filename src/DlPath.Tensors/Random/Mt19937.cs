using System.Runtime.CompilerServices;

namespace DlPath.Tensors;

/// <summary>
/// The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's CPU generator runs it
/// (ATen/core/MT19937RNGEngine.h): the seed's low 32 bits fill the state with Knuth's
/// multiplier 1812433253, the state is regenerated lazily on the first draw, and each output is
/// tempered with the standard shifts and masks. Not thread-safe; <see cref="Generator"/> locks around it.
/// </summary>
internal sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[N];
    private int _left;
    private int _next;

    /// <summary>Creates an engine seeded like <c>at::mt19937(seed)</c>.</summary>
    public Mt19937(ulong seed) => Seed(seed);

    private Mt19937(Mt19937 other)
    {
        Array.Copy(other._state, _state, N);
        _left = other._left;
        _next = other._next;
    }

    /// <summary>Re-seeds the engine. Like PyTorch, only the low 32 bits of the seed reach the state.</summary>
    public void Seed(ulong seed)
    {
        _state[0] = (uint)(seed & 0xffffffffu);
        for (uint j = 1; j < N; j++)
        {
            var prev = _state[j - 1];
            _state[j] = unchecked(1812433253u * (prev ^ (prev >> 30)) + j);
        }
        // left = 1 makes the very first draw regenerate the whole state block, as in ATen.
        _left = 1;
        _next = 0;
    }

    /// <summary>The 624 state words.</summary>
    public ReadOnlySpan<uint> State => _state;

    /// <summary>Draws left before the next regeneration of the state block (1 ..= 624).</summary>
    public int Left => _left;

    /// <summary>Index of the next state word to temper (0 ..= 624).</summary>
    public int Next => _next;

    /// <summary>
    /// An engine with the given state words and position, or null when the position is one PyTorch's
    /// <c>mt19937::is_valid</c> rejects.
    /// </summary>
    public static Mt19937? FromState(ReadOnlySpan<uint> state, int left, int next)
    {
        if (state.Length != N || left <= 0 || left > N || next < 0 || next > N)
        {
            return null;
        }
        var engine = new Mt19937(0);
        state.CopyTo(engine._state);
        engine._left = left;
        engine._next = next;
        return engine;
    }

    /// <summary>A copy with the same state, for <see cref="Generator.Clone"/>.</summary>
    public Mt19937 Clone() => new(this);

    /// <summary>The next tempered 32-bit output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (--_left == 0)
        {
            Regenerate(_state);
            _left = N;
            _next = 0;
        }
        return Temper(_state[_next++]);
    }

    /// <summary>
    /// The next <c>destination.Length</c> outputs, the same as that many <see cref="NextUInt32"/> calls but
    /// with the position kept in registers.
    /// </summary>
    public void Fill(Span<uint> destination)
    {
        var s = _state;
        var left = _left;
        var next = _next;
        for (var i = 0; i < destination.Length; i++)
        {
            if (--left == 0)
            {
                Regenerate(s);
                left = N;
                next = 0;
            }
            destination[i] = Temper(s[next++]);
        }
        _left = left;
        _next = next;
    }

    /// <summary>
    /// The next <c>destination.Length</c> 64-bit values, each made of two outputs with the first as the
    /// high half (<c>CPUGeneratorImpl::random64</c>).
    /// </summary>
    public void Fill(Span<ulong> destination)
    {
        var s = _state;
        var left = _left;
        var next = _next;
        for (var i = 0; i < destination.Length; i++)
        {
            if (--left == 0)
            {
                Regenerate(s);
                left = N;
                next = 0;
            }
            ulong hi = Temper(s[next++]);
            if (--left == 0)
            {
                Regenerate(s);
                left = N;
                next = 0;
            }
            ulong lo = Temper(s[next++]);
            destination[i] = (hi << 32) | lo;
        }
        _left = left;
        _next = next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private static uint Twist(uint u, uint v) =>
        ((u & UpperMask) | (v & LowerMask)) >> 1 ^ ((v & 1u) != 0 ? MatrixA : 0u);

    // The twist of the whole block, as ATen's next_state(); the caller resets left and next.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Regenerate(uint[] s)
    {
        var k = 0;
        for (; k < N - M; k++)
        {
            s[k] = s[k + M] ^ Twist(s[k], s[k + 1]);
        }
        for (; k < N - 1; k++)
        {
            s[k] = s[k + M - N] ^ Twist(s[k], s[k + 1]);
        }
        s[N - 1] = s[M - 1] ^ Twist(s[N - 1], s[0]);
    }
}
