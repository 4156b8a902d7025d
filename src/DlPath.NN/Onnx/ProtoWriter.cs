using System.Buffers.Binary;
using System.Text;

namespace DlPath.NN.Onnx;

/// <summary>
/// A minimal Protocol Buffers encoder (https://protobuf.dev/programming-guides/encoding/): varints, 32-bit
/// floats and length-delimited fields, which is all an ONNX <c>ModelProto</c> needs. Nested messages are written
/// to their own <see cref="ProtoWriter"/> and embedded with <see cref="Message"/>, because a length-delimited
/// field must know its length before its bytes.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLength = 2;
    private const int WireFixed32 = 5;

    private readonly MemoryStream _stream = new();

    /// <summary>The encoded bytes so far.</summary>
    public byte[] ToArray() => _stream.ToArray();

    /// <summary>An int64/int32/enum field (varint; negative numbers take ten bytes, as protobuf says).</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, WireVarint);
        Varint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A float field (fixed32, little-endian).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, WireFixed32);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _stream.Write(b);
        return this;
    }

    /// <summary>A string field (UTF-8).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireLength);
        Varint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    /// <summary>An embedded message field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A packed repeated int64 field.</summary>
    public ProtoWriter PackedInts(int field, IEnumerable<long> values)
    {
        var inner = new ProtoWriter();
        foreach (long v in values) inner.Varint(unchecked((ulong)v));
        return Bytes(field, inner.ToArray());
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
