using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace DlPath.Tensors;

/// <summary>
/// A seeded random number generator that draws exactly the numbers PyTorch's CPU generator
/// (<c>torch.Generator</c>, <c>CPUGeneratorImpl</c> in ATen) draws for the same seed, so a C# run and a
/// PyTorch notebook can start from identical weights, batches and dropout masks.
/// </summary>
/// <remarks>
/// <para>
/// The state is the same as PyTorch keeps: an MT19937 engine plus the cached second sample of the last
/// Box-Muller pair drawn by the element-wise normal path (one cache for float, one for double, as in
/// <c>CPUGeneratorImpl</c>). <see cref="ManualSeed(ulong)"/> clears both caches, like <c>torch.manual_seed</c>.
/// </para>
/// <para>
/// The fill methods mirror the CPU kernels of PyTorch 1.13 (see each method); they take the lock of this
/// instance for the whole fill, the way ATen holds the generator's mutex, so one generator may be shared
/// between threads (<see cref="Default"/> is). Results are bit-for-bit those of PyTorch on x86-64 Linux
/// with its default AVX2 kernels; see <see cref="Normal(Span{float}, double, double)"/> for the one place
/// where PyTorch itself differs between CPU kinds.
/// </para>
/// <para>
/// Spans stand for the elements of a tensor in the order PyTorch visits them. For a contiguous tensor
/// that is its row-major order. For a strided view (a transpose, a slice with a step) PyTorch fills the
/// elements in the order they lie in memory, and <c>normal_</c> then always takes the element-wise path:
/// gather the view's elements in memory order, fill them with the same method (or
/// <see cref="NormalElementwise(Span{float}, double, double)"/> for normals), and scatter them back.
/// </para>
/// <para>
/// The double-precision Box-Muller (float64 normals, and float32 normals drawn element-wise) calls the
/// platform's double <c>log</c>, <c>sin</c> and <c>cos</c>, as PyTorch does; it is bit-exact against PyTorch
/// where both use the same C library (glibc on Linux, where the golden tests run). Elsewhere a rare element
/// may differ in the last bit. Everything else here, the float32 chunked normals included, is integer or
/// correctly rounded IEEE arithmetic and gives the same bits on every platform.
/// </para>
/// <example>
/// <code>
/// var g = new Generator(42);          // torch.Generator().manual_seed(42)
/// var w = new float[6];
/// g.Normal(w);                        // torch.randn(6, generator=g)
/// var idx = new long[10];
/// g.RandPerm(idx);                    // torch.randperm(10, generator=g)
/// </code>
/// </example>
/// </remarks>
public sealed partial class Generator
{
    /// <summary>
    /// The seed of a freshly constructed <c>torch.Generator()</c> (<c>default_rng_seed_val</c> in ATen).
    /// </summary>
    public const ulong DefaultSeed = 67280421310721UL;

    private readonly Lock _lock = new();
    private Mt19937 _engine;
    private ulong _initialSeed;
    // PyTorch's c10::optional<float> / c10::optional<double> normal caches.
    private float? _nextFloatNormal;
    private double? _nextDoubleNormal;

    /// <summary>Creates a generator seeded with <see cref="DefaultSeed"/>, like <c>torch.Generator()</c>.</summary>
    public Generator() : this(DefaultSeed)
    {
    }

    /// <summary>Creates a generator seeded with <paramref name="seed"/>, like <c>torch.Generator().manual_seed(seed)</c>.</summary>
    /// <param name="seed">The seed; only its low 32 bits reach the MT19937 state (as in PyTorch), all 64 are kept in <see cref="InitialSeed"/>.</param>
    public Generator(ulong seed)
    {
        _engine = new Mt19937(seed);
        _initialSeed = seed;
    }

    /// <summary>
    /// Creates a generator seeded with <paramref name="seed"/>; a negative seed wraps to its two's-complement
    /// 64-bit value, as <c>torch.Generator().manual_seed(-1)</c> does.
    /// </summary>
    /// <param name="seed">The seed.</param>
    public Generator(long seed) : this(unchecked((ulong)seed))
    {
    }

    private Generator(Generator other)
    {
        lock (other._lock)
        {
            _engine = other._engine.Clone();
            _initialSeed = other._initialSeed;
            _nextFloatNormal = other._nextFloatNormal;
            _nextDoubleNormal = other._nextDoubleNormal;
        }
    }

    /// <summary>
    /// The process-wide generator used when no generator is passed, like PyTorch's default CPU generator.
    /// As in PyTorch it starts from a non-deterministic seed; call <see cref="ManualSeedDefault(ulong)"/> for
    /// reproducible runs. Safe to use from several threads.
    /// </summary>
    public static Generator Default { get; } = new(NonDeterministicSeed());

    /// <summary>Re-seeds <see cref="Default"/>: the equivalent of <c>torch.manual_seed(seed)</c> for the CPU.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The default generator, for chaining.</returns>
    public static Generator ManualSeedDefault(ulong seed) => Default.ManualSeed(seed);

    /// <summary>Re-seeds <see cref="Default"/>; a negative seed wraps to 64 bits as in <c>torch.manual_seed</c>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The default generator, for chaining.</returns>
    public static Generator ManualSeedDefault(long seed) => Default.ManualSeed(seed);

    /// <summary>The seed this generator was last seeded with (<c>Generator.initial_seed()</c>).</summary>
    public ulong InitialSeed
    {
        get
        {
            lock (_lock)
            {
                return _initialSeed;
            }
        }
    }

    /// <summary>
    /// Re-seeds this generator and forgets any cached normal sample, like <c>Generator.manual_seed(seed)</c>.
    /// </summary>
    /// <param name="seed">The new seed.</param>
    /// <returns>This generator, for chaining (as PyTorch returns the generator).</returns>
    public Generator ManualSeed(ulong seed)
    {
        lock (_lock)
        {
            _engine = new Mt19937(seed);
            _initialSeed = seed;
            _nextFloatNormal = null;
            _nextDoubleNormal = null;
        }
        return this;
    }

    /// <summary>
    /// Re-seeds this generator like <see cref="ManualSeed(ulong)"/>; a negative seed wraps to its
    /// two's-complement 64-bit value, as in PyTorch.
    /// </summary>
    /// <param name="seed">The new seed.</param>
    /// <returns>This generator, for chaining.</returns>
    public Generator ManualSeed(long seed) => ManualSeed(unchecked((ulong)seed));

    /// <summary>
    /// Re-seeds this generator from a non-deterministic source and returns the new seed, like
    /// <c>Generator.seed()</c>.
    /// </summary>
    /// <returns>The seed now in use; pass it to <see cref="ManualSeed(ulong)"/> to replay the stream.</returns>
    public ulong Seed()
    {
        var seed = NonDeterministicSeed();
        ManualSeed(seed);
        return seed;
    }

    /// <summary>An independent copy of this generator: same engine state, same cached normal samples.</summary>
    /// <returns>The copy; drawing from it does not move this generator.</returns>
    public Generator Clone() => new(this);

    /// <summary>The next raw 32-bit draw of the engine (<c>CPUGeneratorImpl::random()</c>).</summary>
    /// <returns>A uniformly distributed 32-bit value.</returns>
    public uint NextUInt32()
    {
        lock (_lock)
        {
            return _engine.NextUInt32();
        }
    }

    /// <summary>
    /// The next raw 64-bit draw (<c>CPUGeneratorImpl::random64()</c>): two 32-bit draws, the first one
    /// becoming the high half.
    /// </summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        lock (_lock)
        {
            return Random64();
        }
    }

    // Raw draws for a fill are taken this many at a time into a stack buffer.
    private const int DrawChunk = 256;

    // Callers hold _lock.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Random32() => _engine.NextUInt32();

    // Callers hold _lock. The order of the two draws matters: ATen's make64BitsFrom32Bits(hi, lo).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Random64()
    {
        ulong hi = _engine.NextUInt32();
        ulong lo = _engine.NextUInt32();
        return (hi << 32) | lo;
    }

    // Callers hold _lock. uniform_real_distribution<float>(0, 1): one 32-bit draw per element.
    private void FillUnitFloats(Span<float> destination)
    {
        Span<uint> raw = stackalloc uint[DrawChunk];
        for (var start = 0; start < destination.Length; start += DrawChunk)
        {
            var chunk = destination.Slice(start, Math.Min(DrawChunk, destination.Length - start));
            var bits = raw[..chunk.Length];
            _engine.Fill(bits);
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = UnitFloat(bits[i]);
            }
        }
    }

    // Callers hold _lock. uniform_real_distribution<double>(0, 1): one 64-bit draw per element.
    private void FillUnitDoubles(Span<double> destination)
    {
        Span<ulong> raw = stackalloc ulong[DrawChunk];
        for (var start = 0; start < destination.Length; start += DrawChunk)
        {
            var chunk = destination.Slice(start, Math.Min(DrawChunk, destination.Length - start));
            var bits = raw[..chunk.Length];
            _engine.Fill(bits);
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = UnitDouble(bits[i]);
            }
        }
    }

    private static ulong NonDeterministicSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
