using System.Buffers.Binary;

namespace DlPath.Tensors;

public sealed partial class Generator
{
    /// <summary>Size in bytes of PyTorch's CPU generator state (<c>sizeof(CPUGeneratorImplState)</c> on x86-64).</summary>
    public const int StateSize = 5056;

    // Offsets in CPUGeneratorImplState (ATen/CPUGeneratorImpl.cpp): a legacy POD with 64-bit state words,
    // then the float normal cache. Padding bytes are zero, as PyTorch value-initialises the struct.
    private const int InitialSeedOffset = 0;
    private const int LeftOffset = 8;
    private const int SeededOffset = 12;
    private const int NextOffset = 16;
    private const int StateWordsOffset = 24;
    private const int StateWords = 624;
    private const int NormalYOffset = StateWordsOffset + (StateWords * 8) + 8; // after normal_x
    private const int NormalIsValidOffset = NormalYOffset + 16; // after normal_rho
    private const int FloatNormalOffset = NormalIsValidOffset + 8; // int + 4 bytes of padding
    private const int FloatNormalIsValidOffset = FloatNormalOffset + 4;

    /// <summary>
    /// The complete state of this generator in the byte layout of <c>torch.Generator.get_state()</c> /
    /// <c>torch.get_rng_state()</c>, so a checkpoint can carry it between DlPath and PyTorch.
    /// </summary>
    /// <returns><see cref="StateSize"/> bytes: seed, engine position and words, cached normal samples.</returns>
    /// <remarks>
    /// In PyTorch: <c>torch.Generator().set_state(torch.tensor(list(state), dtype=torch.uint8))</c> resumes
    /// the stream exactly where this generator stands, and <c>bytes(g.get_state().tolist())</c> goes the
    /// other way (<see cref="SetState"/>). Little-endian, like every machine PyTorch runs on.
    /// </remarks>
    public byte[] GetState()
    {
        var bytes = new byte[StateSize];
        lock (_lock)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(InitialSeedOffset), _initialSeed);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(LeftOffset), _engine.Left);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(SeededOffset), 1);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(NextOffset), (ulong)_engine.Next);
            var words = _engine.State;
            for (var i = 0; i < StateWords; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(StateWordsOffset + (8 * i)), words[i]);
            }
            if (_nextDoubleNormal is double d)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(NormalYOffset), d);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(NormalIsValidOffset), 1);
            }
            if (_nextFloatNormal is float f)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(FloatNormalOffset), f);
                bytes[FloatNormalIsValidOffset] = 1;
            }
        }
        return bytes;
    }

    /// <summary>
    /// Restores a state saved by <see cref="GetState"/> or by PyTorch's <c>get_state()</c>.
    /// </summary>
    /// <param name="state">Exactly <see cref="StateSize"/> bytes.</param>
    /// <exception cref="ArgumentException">The size is wrong or the engine position is invalid.</exception>
    public void SetState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateSize)
        {
            throw new ArgumentException(
                $"set_state: expected a generator state of {StateSize} bytes (torch.Generator.get_state()), got {state.Length}",
                nameof(state));
        }
        var left = BinaryPrimitives.ReadInt32LittleEndian(state[LeftOffset..]);
        var seeded = BinaryPrimitives.ReadInt32LittleEndian(state[SeededOffset..]);
        var next = BinaryPrimitives.ReadUInt64LittleEndian(state[NextOffset..]);
        var words = new uint[StateWords];
        for (var i = 0; i < StateWords; i++)
        {
            // PyTorch keeps 64-bit slots but a 32-bit engine: the copy truncates, as std::copy does there.
            words[i] = (uint)BinaryPrimitives.ReadUInt64LittleEndian(state[(StateWordsOffset + (8 * i))..]);
        }
        var engine = seeded != 0 && next <= StateWords ? Mt19937.FromState(words, left, (int)next) : null;
        if (engine is null)
        {
            throw new ArgumentException(
                $"set_state: invalid mt19937 state (seeded={seeded}, left={left}, next={next}; expected seeded=1, 1 <= left <= 624, next <= 624)",
                nameof(state));
        }
        var doubleValid = BinaryPrimitives.ReadInt32LittleEndian(state[NormalIsValidOffset..]) != 0;
        var floatValid = state[FloatNormalIsValidOffset] != 0;
        lock (_lock)
        {
            _engine = engine;
            _initialSeed = BinaryPrimitives.ReadUInt64LittleEndian(state[InitialSeedOffset..]);
            _nextDoubleNormal = doubleValid ? BinaryPrimitives.ReadDoubleLittleEndian(state[NormalYOffset..]) : null;
            _nextFloatNormal = floatValid ? BinaryPrimitives.ReadSingleLittleEndian(state[FloatNormalOffset..]) : null;
        }
    }
}
