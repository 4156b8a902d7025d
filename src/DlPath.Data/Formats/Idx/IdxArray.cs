using System.Buffers.Binary;

namespace DlPath.Data.Formats.Idx;

/// <summary>
/// The contents of an IDX file: element type, dimensions and the payload in row-major order (the last
/// dimension fastest, as in the file). For Fashion-MNIST images the dimensions are (N, 28, 28) and
/// image <c>i</c> is <c>Data[i*784 .. (i+1)*784]</c>, row by row.
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(IdxDataType dataType, int[] dims, byte[] data)
    {
        DataType = dataType;
        Dims = dims;
        Data = data;
    }

    /// <summary>The element type.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions, outermost first, e.g. (60000, 28, 28).</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>
    /// The payload as stored: for <see cref="IdxDataType.UInt8"/> these bytes are the values themselves;
    /// for wider types they are big-endian (use <see cref="ToDoubles"/>). This is the reader's own array.
    /// </summary>
    public byte[] Data { get; }

    /// <summary>The number of elements.</summary>
    public int Count => Dims.Aggregate(1, (a, d) => a * d);

    /// <summary>The values converted to <see cref="double"/>, whatever the element type.</summary>
    public double[] ToDoubles()
    {
        int n = Count;
        var result = new double[n];
        var d = Data.AsSpan();
        for (int i = 0; i < n; i++)
        {
            result[i] = DataType switch
            {
                IdxDataType.UInt8 => d[i],
                IdxDataType.Int8 => (sbyte)d[i],
                IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(d[(2 * i)..]),
                IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(d[(4 * i)..]),
                IdxDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(d[(4 * i)..]),
                _ => BinaryPrimitives.ReadDoubleBigEndian(d[(8 * i)..]),
            };
        }
        return result;
    }

    /// <summary>The element size in bytes of an IDX type code, or 0 for an unknown code.</summary>
    internal static int ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.UInt8 or IdxDataType.Int8 => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => 0,
    };
}
