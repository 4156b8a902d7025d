using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DlPath.Data.Tests.Mat;

/// <summary>
/// Writes small MAT level-5 files in either byte order, with or without compression, so the reader can be
/// tested on every storage type and class without binary fixtures.
/// </summary>
internal sealed class MatBuilder
{
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16;

    public const int MxCell = 1, MxStruct = 2, MxObject = 3, MxChar = 4, MxSparse = 5, MxDouble = 6, MxSingle = 7,
        MxInt8 = 8, MxUInt8 = 9, MxInt16 = 10, MxUInt16 = 11, MxInt32 = 12, MxUInt32 = 13, MxInt64 = 14, MxUInt64 = 15;

    private readonly bool _big;
    private readonly List<byte[]> _elements = [];

    public MatBuilder(bool bigEndian = false) => _big = bigEndian;

    public string HeaderText { get; set; } = "MATLAB 5.0 MAT-file, Platform: DlPath tests";

    public MatBuilder Add(byte[] matrixElement, bool compress = false)
    {
        _elements.Add(compress ? Compress(matrixElement) : matrixElement);
        return this;
    }

    public byte[] ToArray()
    {
        var ms = new MemoryStream();
        var header = new byte[128];
        Array.Fill(header, (byte)' ', 0, 116);
        Encoding.ASCII.GetBytes(HeaderText).CopyTo(header, 0);
        // version 0x0100 and the endian indicator 'M''I' written as a 16-bit integer in the file's order
        WriteU16(header.AsSpan(124), 0x0100);
        WriteU16(header.AsSpan(126), ('M' << 8) | 'I');
        ms.Write(header);
        foreach (var e in _elements)
        {
            ms.Write(e);
        }
        return ms.ToArray();
    }

    /// <summary>A numeric matrix; <paramref name="columnMajor"/> in MATLAB's storage order, stored as <paramref name="storage"/>.</summary>
    public byte[] Numeric(string name, int mxClass, int[] dims, double[] columnMajor, int storage, double[]? imaginary = null, bool logical = false)
    {
        int flags = mxClass | (imaginary is null ? 0 : 0x0800) | (logical ? 0x0200 : 0);
        var parts = new List<byte[]> { Flags(flags), Dims(dims), Name(name), Element(storage, Encode(storage, columnMajor)) };
        if (imaginary is not null)
        {
            parts.Add(Element(storage, Encode(storage, imaginary)));
        }
        return Element(MiMatrix, Concat(parts));
    }

    public byte[] Char(string name, int[] dims, string columnMajorText)
    {
        var data = new byte[columnMajorText.Length * 2];
        for (int i = 0; i < columnMajorText.Length; i++)
        {
            WriteU16(data.AsSpan(2 * i), columnMajorText[i]);
        }
        return Element(MiMatrix, Concat([Flags(MxChar), Dims(dims), Name(name), Element(MiUInt16, data)]));
    }

    public byte[] Cell(string name, int[] dims, params byte[][] columnMajorCells) =>
        Element(MiMatrix, Concat([Flags(MxCell), Dims(dims), Name(name), .. columnMajorCells]));

    public byte[] Struct(string name, int[] dims, string[] fields, params byte[][] values)
    {
        const int len = 32;
        var names = new byte[fields.Length * len];
        for (int f = 0; f < fields.Length; f++)
        {
            Encoding.ASCII.GetBytes(fields[f]).CopyTo(names, f * len);
        }
        var lenData = new byte[4];
        WriteU32(lenData, len);
        return Element(MiMatrix, Concat([Flags(MxStruct), Dims(dims), Name(name), Element(MiInt32, lenData), Element(MiInt8, names), .. values]));
    }

    public byte[] Sparse(string name, int rows, int cols, int[] ir, int[] jc, double[] pr) =>
        Element(MiMatrix, Concat([Flags(MxSparse, pr.Length), Dims([rows, cols]), Name(name),
            Element(MiInt32, Encode(MiInt32, ir.Select(i => (double)i).ToArray())),
            Element(MiInt32, Encode(MiInt32, jc.Select(i => (double)i).ToArray())),
            Element(MiDouble, Encode(MiDouble, pr))]));

    public byte[] Raw(int mxClass, string name, int[] dims, params byte[][] rest) =>
        Element(MiMatrix, Concat([Flags(mxClass), Dims(dims), Name(name), .. rest]));

    public byte[] Flags(int flags, int nzmax = 0)
    {
        var d = new byte[8];
        WriteU32(d, (uint)flags);
        WriteU32(d.AsSpan(4), (uint)nzmax);
        return Element(MiUInt32, d);
    }

    public byte[] Dims(int[] dims)
    {
        var d = new byte[dims.Length * 4];
        for (int i = 0; i < dims.Length; i++)
        {
            WriteU32(d.AsSpan(4 * i), (uint)dims[i]);
        }
        return Element(MiInt32, d);
    }

    public byte[] Name(string name) => Element(MiInt8, Encoding.ASCII.GetBytes(name));

    /// <summary>A data element; up to 4 bytes use the small format, as MATLAB does.</summary>
    public byte[] Element(int type, byte[] data)
    {
        if (data.Length is > 0 and <= 4)
        {
            var small = new byte[8];
            WriteU32(small, (uint)((data.Length << 16) | type));
            data.CopyTo(small, 4);
            return small;
        }
        int padded = (data.Length + 7) & ~7;
        var e = new byte[8 + padded];
        WriteU32(e, (uint)type);
        WriteU32(e.AsSpan(4), (uint)data.Length);
        data.CopyTo(e, 8);
        return e;
    }

    public byte[] Compress(byte[] element)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(element);
        }
        var data = ms.ToArray();
        var e = new byte[8 + data.Length]; // compressed elements are not padded
        WriteU32(e, MiCompressed);
        WriteU32(e.AsSpan(4), (uint)data.Length);
        data.CopyTo(e, 8);
        return e;
    }

    public byte[] Encode(int type, double[] values)
    {
        int size = type switch
        {
            MiInt8 or MiUInt8 => 1,
            MiInt16 or MiUInt16 => 2,
            MiInt32 or MiUInt32 or MiSingle => 4,
            _ => 8,
        };
        var d = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var s = d.AsSpan(i * size);
            double v = values[i];
            switch (type)
            {
                case MiInt8: s[0] = (byte)(sbyte)v; break;
                case MiUInt8: s[0] = (byte)v; break;
                case MiInt16: WriteU16(s, (ushort)(short)v); break;
                case MiUInt16: WriteU16(s, (ushort)v); break;
                case MiInt32: WriteU32(s, (uint)(int)v); break;
                case MiUInt32: WriteU32(s, (uint)v); break;
                case MiSingle: WriteU32(s, (uint)BitConverter.SingleToInt32Bits((float)v)); break;
                case MiDouble: WriteU64(s, (ulong)BitConverter.DoubleToInt64Bits(v)); break;
                case MiInt64: WriteU64(s, (ulong)(long)v); break;
                case MiUInt64: WriteU64(s, (ulong)v); break;
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }
        }
        return d;
    }

    private void WriteU16(Span<byte> s, int v)
    {
        if (_big) { BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)v); } else { BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); }
    }

    private void WriteU32(Span<byte> s, uint v)
    {
        if (_big) { BinaryPrimitives.WriteUInt32BigEndian(s, v); } else { BinaryPrimitives.WriteUInt32LittleEndian(s, v); }
    }

    private void WriteU64(Span<byte> s, ulong v)
    {
        if (_big) { BinaryPrimitives.WriteUInt64BigEndian(s, v); } else { BinaryPrimitives.WriteUInt64LittleEndian(s, v); }
    }

    private static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();
}
