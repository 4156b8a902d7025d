using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace DlPath.Data.Formats.Mat;

/// <summary>
/// Parses the bytes of a MAT level-5 file (the format of MATLAB's <c>save</c> up to <c>-v7</c>, Octave's
/// <c>-mat</c> and SciPy's <c>savemat</c>). Layout, from the MathWorks "MAT-File Format" document:
/// a 128-byte header (116 bytes of text, 8 bytes subsystem offset, version 0x0100, endian indicator
/// "IM"/"MI"), then data elements, each an 8-byte tag (type, byte count) followed by its data padded to
/// 8 bytes. A "small" element packs count and type into 4 bytes and its data into the next 4.
/// Variables are <c>miMATRIX</c> elements, optionally wrapped in zlib-compressed <c>miCOMPRESSED</c> ones.
/// </summary>
internal sealed class MatParser
{
    private const int HeaderLength = 128;
    private const uint FlagComplex = 0x0800, FlagGlobal = 0x0400, FlagLogical = 0x0200;

    private readonly string _file;
    private bool _bigEndian;

    public MatParser(string file) => _file = file;

    /// <summary>A run of bytes being parsed: the file itself or the inflated contents of one compressed element.</summary>
    private sealed record Segment(byte[] Data, long CompressedAt)
    {
        public bool IsCompressed => CompressedAt >= 0;
    }

    /// <summary>An element tag: its type, byte count, where its data starts and where the next element starts.</summary>
    private readonly record struct Tag(int Type, int Size, int DataStart, int Next)
    {
        public int DataEnd => DataStart + Size;
    }

    public MatFile Parse(byte[] data)
    {
        var file = new Segment(data, -1);
        if (data.Length < HeaderLength)
        {
            throw Fail(file, 0, null, $"the file is {data.Length} bytes, shorter than the 128-byte MAT header (truncated, or not a MAT file)");
        }
        string header = Encoding.Latin1.GetString(data, 0, 116).TrimEnd(' ', '\0');
        if (data[126] == (byte)'I' && data[127] == (byte)'M')
        {
            _bigEndian = false;
        }
        else if (data[126] == (byte)'M' && data[127] == (byte)'I')
        {
            _bigEndian = true;
        }
        else
        {
            throw Fail(file, 126, null, $"no 'IM'/'MI' endian indicator (found 0x{data[126]:X2} 0x{data[127]:X2}): not a MAT level-5 file (MAT v4 files are not supported)");
        }
        int version = ReadU16(file, 124);
        if (version == 0x0200 || header.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
        {
            throw Fail(file, 124, null, "this is a MAT v7.3 file, which is HDF5 inside; save it with 'save(..., \"-v7\")' to read it here");
        }
        if (version != 0x0100)
        {
            throw Fail(file, 124, null, $"header version is 0x{version:X4}, expected 0x0100 (MAT level 5)");
        }
        if (!header.StartsWith("MATLAB", StringComparison.Ordinal))
        {
            throw Fail(file, 0, null, $"the header text does not start with 'MATLAB' (found \"{Printable(header, 24)}\"): not a MAT level-5 file");
        }

        var variables = new List<MatVariable>();
        int pos = HeaderLength;
        while (pos < data.Length)
        {
            var tag = ReadTag(file, pos, data.Length, null);
            switch ((MatDataType)tag.Type)
            {
                case MatDataType.Compressed:
                    var inflated = new Segment(Inflate(file, tag), pos);
                    if (inflated.Data.Length == 0)
                    {
                        throw Fail(inflated, 0, null, "the compressed element inflates to nothing (truncated zlib stream?)");
                    }
                    var inner = ReadTag(inflated, 0, inflated.Data.Length, null);
                    if (inner.Type != (int)MatDataType.Matrix)
                    {
                        throw Fail(inflated, 0, null, $"a compressed element holds {MatDataTypes.Name(inner.Type)}, expected miMATRIX");
                    }
                    variables.Add(ParseMatrix(inflated, inner, null));
                    pos = tag.DataEnd; // compressed elements are not padded
                    break;
                case MatDataType.Matrix:
                    variables.Add(ParseMatrix(file, tag, null));
                    pos = tag.Next;
                    break;
                default:
                    throw Fail(file, pos, null, $"unexpected top-level element {MatDataTypes.Name(tag.Type)}; a MAT file holds only miMATRIX and miCOMPRESSED elements there");
            }
        }
        return new MatFile(_file, header, _bigEndian, variables);
    }

    private MatVariable ParseMatrix(Segment seg, Tag tag, string? label)
    {
        if (tag.Size == 0)
        {
            // MATLAB writes empty cell / struct-field values as an miMATRIX with no contents.
            return new MatNumericArray("", MatClass.Double, [0, 0], false, false, [], null);
        }
        int end = tag.DataEnd;
        int pos = tag.DataStart;

        var flagsTag = ReadTag(seg, pos, end, label);
        if (flagsTag.Type != (int)MatDataType.UInt32 || flagsTag.Size != 8)
        {
            throw Fail(seg, pos, label, $"array flags must be 8 bytes of miUINT32, found {flagsTag.Size} bytes of {MatDataTypes.Name(flagsTag.Type)}");
        }
        uint flags = ReadU32(seg, flagsTag.DataStart);
        int cls = (int)(flags & 0xFF);
        bool isComplex = (flags & FlagComplex) != 0, isGlobal = (flags & FlagGlobal) != 0, isLogical = (flags & FlagLogical) != 0;
        pos = flagsTag.Next;

        var dimsTag = ReadTag(seg, pos, end, label);
        if (dimsTag.Type != (int)MatDataType.Int32 || dimsTag.Size % 4 != 0 || dimsTag.Size < 8)
        {
            throw Fail(seg, pos, label, $"dimensions must be at least two miINT32 values, found {dimsTag.Size} bytes of {MatDataTypes.Name(dimsTag.Type)}");
        }
        var dims = new int[dimsTag.Size / 4];
        for (int k = 0; k < dims.Length; k++)
        {
            dims[k] = (int)ReadU32(seg, dimsTag.DataStart + 4 * k);
            if (dims[k] < 0)
            {
                throw Fail(seg, dimsTag.DataStart + 4 * k, label, $"dimension {k + 1} is negative ({dims[k]})");
            }
        }
        pos = dimsTag.Next;

        var nameTag = ReadTag(seg, pos, end, label);
        if (nameTag.Type is not ((int)MatDataType.Int8 or (int)MatDataType.UInt8 or (int)MatDataType.Utf8))
        {
            throw Fail(seg, pos, label, $"the array name must be miINT8 text, found {MatDataTypes.Name(nameTag.Type)}");
        }
        string name = Encoding.UTF8.GetString(seg.Data, nameTag.DataStart, nameTag.Size).TrimEnd('\0');
        label ??= name;
        pos = nameTag.Next;

        int count;
        try
        {
            count = MatLayout.Product(dims);
        }
        catch (OverflowException ex)
        {
            throw Fail(seg, dimsTag.DataStart, label, ex.Message);
        }

        switch ((MatClass)cls)
        {
            case MatClass.Double or MatClass.Single or MatClass.Int8 or MatClass.UInt8 or MatClass.Int16 or MatClass.UInt16
                or MatClass.Int32 or MatClass.UInt32 or MatClass.Int64 or MatClass.UInt64:
                {
                    var realTag = ReadTag(seg, pos, end, label);
                    double[] re = ReadCount(seg, realTag, label, count, "real part");
                    double[]? im = null;
                    if (isComplex)
                    {
                        var imagTag = ReadTag(seg, realTag.Next, end, label);
                        im = MatLayout.ToRowMajor(ReadCount(seg, imagTag, label, count, "imaginary part"), dims);
                    }
                    return new MatNumericArray(name, (MatClass)cls, dims, isGlobal, isLogical, MatLayout.ToRowMajor(re, dims), im);
                }
            case MatClass.Char:
                return ParseChar(seg, pos, end, label, name, dims, count, isGlobal);
            case MatClass.Cell:
                {
                    var cells = new MatVariable[count];
                    for (int i = 0; i < count; i++)
                    {
                        string cellLabel = $"{label}{{{i + 1}}}"; // MATLAB's 1-based linear (column-major) index
                        var cellTag = ReadTag(seg, pos, end, cellLabel);
                        if (cellTag.Type != (int)MatDataType.Matrix)
                        {
                            throw Fail(seg, pos, cellLabel, $"a cell element must be miMATRIX, found {MatDataTypes.Name(cellTag.Type)}");
                        }
                        cells[i] = ParseMatrix(seg, cellTag, cellLabel);
                        pos = cellTag.Next;
                    }
                    return new MatCellArray(name, dims, isGlobal, MatLayout.ToRowMajor(cells, dims));
                }
            case MatClass.Struct:
                return ParseStruct(seg, pos, end, label, name, dims, count, isGlobal);
            case MatClass.Sparse:
                return ParseSparse(seg, pos, end, label, name, dims, isGlobal, isLogical, isComplex);
            default:
                string className = Enum.IsDefined(typeof(MatClass), cls) ? ((MatClass)cls).ToString() : $"code {cls}";
                throw Fail(seg, tag.DataStart, label, $"array class {className} is not supported (supported: numeric, logical, char, cell, struct, sparse)");
        }
    }

    private MatCharArray ParseChar(Segment seg, int pos, int end, string label, string name, int[] dims, int count, bool isGlobal)
    {
        var dataTag = ReadTag(seg, pos, end, label);
        string text = (MatDataType)dataTag.Type switch
        {
            MatDataType.UInt16 or MatDataType.Utf16 or MatDataType.Int16 =>
                (_bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(seg.Data, dataTag.DataStart, dataTag.Size),
            MatDataType.Utf8 => Encoding.UTF8.GetString(seg.Data, dataTag.DataStart, dataTag.Size),
            MatDataType.UInt8 or MatDataType.Int8 => Encoding.Latin1.GetString(seg.Data, dataTag.DataStart, dataTag.Size),
            MatDataType.Utf32 or MatDataType.UInt32 => new UTF32Encoding(_bigEndian, false).GetString(seg.Data, dataTag.DataStart, dataTag.Size),
            _ => throw Fail(seg, pos, label, $"char data stored as {MatDataTypes.Name(dataTag.Type)} is not supported"),
        };
        if (text.Length != count)
        {
            throw Fail(seg, pos, label, $"char array holds {text.Length} characters but its dimensions {string.Join("x", dims)} need {count}");
        }
        int rows = dims[0];
        int cols = rows == 0 ? 0 : count / rows;
        var lines = new string[rows];
        var line = new char[cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                line[j] = text[j * rows + i];
            }
            lines[i] = new string(line);
        }
        return new MatCharArray(name, dims, isGlobal, lines);
    }

    private MatStructArray ParseStruct(Segment seg, int pos, int end, string label, string name, int[] dims, int count, bool isGlobal)
    {
        var lenTag = ReadTag(seg, pos, end, label);
        if (lenTag.Type != (int)MatDataType.Int32 || lenTag.Size != 4)
        {
            throw Fail(seg, pos, label, $"struct field-name length must be one miINT32, found {lenTag.Size} bytes of {MatDataTypes.Name(lenTag.Type)}");
        }
        int nameLength = (int)ReadU32(seg, lenTag.DataStart);
        pos = lenTag.Next;
        var namesTag = ReadTag(seg, pos, end, label);
        if (namesTag.Type != (int)MatDataType.Int8 || nameLength <= 0 && namesTag.Size > 0 || nameLength > 0 && namesTag.Size % nameLength != 0)
        {
            throw Fail(seg, pos, label, $"struct field names must be miINT8 blocks of {nameLength} bytes, found {namesTag.Size} bytes of {MatDataTypes.Name(namesTag.Type)}");
        }
        int fieldCount = nameLength == 0 ? 0 : namesTag.Size / nameLength;
        var fields = new string[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            fields[f] = Encoding.ASCII.GetString(seg.Data, namesTag.DataStart + f * nameLength, nameLength).TrimEnd('\0');
        }
        pos = namesTag.Next;

        // The file lists elements in column-major order, all fields of one element together.
        var elements = new MatVariable[count][];
        for (int e = 0; e < count; e++)
        {
            elements[e] = new MatVariable[fieldCount];
            for (int f = 0; f < fieldCount; f++)
            {
                string fieldLabel = count == 1 ? $"{label}.{fields[f]}" : $"{label}({e + 1}).{fields[f]}";
                var fieldTag = ReadTag(seg, pos, end, fieldLabel);
                if (fieldTag.Type != (int)MatDataType.Matrix)
                {
                    throw Fail(seg, pos, fieldLabel, $"a struct field value must be miMATRIX, found {MatDataTypes.Name(fieldTag.Type)}");
                }
                elements[e][f] = ParseMatrix(seg, fieldTag, fieldLabel);
                pos = fieldTag.Next;
            }
        }
        var values = MatLayout.ToRowMajor(elements, dims).SelectMany(v => v).ToArray();
        return new MatStructArray(name, dims, isGlobal, fields, values);
    }

    private MatSparseArray ParseSparse(Segment seg, int pos, int end, string label, string name, int[] dims, bool isGlobal, bool isLogical, bool isComplex)
    {
        if (dims.Length != 2)
        {
            throw Fail(seg, pos, label, $"a sparse array must be 2-D, this one is {string.Join("x", dims)}");
        }
        if (isComplex)
        {
            throw Fail(seg, pos, label, "complex sparse arrays are not supported");
        }
        int rows = dims[0], cols = dims[1];
        var irTag = ReadTag(seg, pos, end, label);
        double[] ir = ReadNumbers(seg, irTag, label, "row indices (ir)");
        var jcTag = ReadTag(seg, irTag.Next, end, label);
        double[] jc = ReadNumbers(seg, jcTag, label, "column starts (jc)");
        if (jc.Length != cols + 1)
        {
            throw Fail(seg, jcTag.DataStart, label, $"sparse column starts (jc) have {jc.Length} entries, expected columns + 1 = {cols + 1}");
        }
        int nnz = (int)jc[cols];
        var prTag = ReadTag(seg, jcTag.Next, end, label);
        double[] pr = ReadNumbers(seg, prTag, label, "values (pr)");
        if (ir.Length < nnz || pr.Length < nnz)
        {
            throw Fail(seg, irTag.DataStart, label, $"sparse array declares {nnz} non-zeros but has {ir.Length} row indices and {pr.Length} values");
        }
        var rowIndex = new int[nnz];
        for (int k = 0; k < nnz; k++)
        {
            if (ir[k] < 0 || ir[k] >= rows)
            {
                throw Fail(seg, irTag.DataStart + 4 * k, label, $"sparse row index {ir[k]} is outside 0..{rows - 1}");
            }
            rowIndex[k] = (int)ir[k];
        }
        var colStart = new int[cols + 1];
        for (int j = 0; j <= cols; j++)
        {
            colStart[j] = (int)jc[j];
            if (colStart[j] < 0 || j > 0 && colStart[j] < colStart[j - 1] || colStart[j] > nnz)
            {
                throw Fail(seg, jcTag.DataStart + 4 * j, label, $"sparse column starts (jc) are not increasing within 0..{nnz} at column {j}");
            }
        }
        return new MatSparseArray(name, dims, isGlobal, isLogical, rowIndex, colStart, pr.AsSpan(0, nnz).ToArray());
    }

    private double[] ReadCount(Segment seg, Tag tag, string label, int count, string what)
    {
        double[] values = ReadNumbers(seg, tag, label, what);
        if (values.Length != count)
        {
            throw Fail(seg, tag.DataStart, label, $"the {what} holds {values.Length} values but the dimensions need {count}");
        }
        return values;
    }

    /// <summary>Reads a numeric data element of any MAT numeric data type, in file order, as doubles.</summary>
    private double[] ReadNumbers(Segment seg, Tag tag, string label, string what)
    {
        var type = (MatDataType)tag.Type;
        int size = type is MatDataType.Utf8 or MatDataType.Utf16 or MatDataType.Utf32 ? 0 : MatDataTypes.ElementSize(tag.Type);
        if (size == 0)
        {
            throw Fail(seg, tag.DataStart, label, $"the {what} is stored as {MatDataTypes.Name(tag.Type)}, which is not a numeric data type");
        }
        if (tag.Size % size != 0)
        {
            throw Fail(seg, tag.DataStart, label, $"the {what} has {tag.Size} bytes, not a multiple of the {size}-byte {MatDataTypes.Name(tag.Type)}");
        }
        int n = tag.Size / size;
        var bytes = seg.Data.AsSpan(tag.DataStart, tag.Size);
        var result = new double[n];
        bool swap = _bigEndian == BitConverter.IsLittleEndian;
        switch (type)
        {
            case MatDataType.Double when !swap:
                MemoryMarshal.Cast<byte, double>(bytes).CopyTo(result);
                break;
            case MatDataType.Double:
                for (int i = 0; i < n; i++)
                {
                    result[i] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(MemoryMarshal.Read<long>(bytes[(8 * i)..])));
                }
                break;
            case MatDataType.UInt8:
                for (int i = 0; i < n; i++)
                {
                    result[i] = bytes[i];
                }
                break;
            case MatDataType.Int8:
                for (int i = 0; i < n; i++)
                {
                    result[i] = (sbyte)bytes[i];
                }
                break;
            case MatDataType.Int16:
                for (int i = 0; i < n; i++)
                {
                    result[i] = (short)Swap16(bytes[(2 * i)..], swap);
                }
                break;
            case MatDataType.UInt16:
                for (int i = 0; i < n; i++)
                {
                    result[i] = Swap16(bytes[(2 * i)..], swap);
                }
                break;
            case MatDataType.Int32:
                for (int i = 0; i < n; i++)
                {
                    result[i] = (int)Swap32(bytes[(4 * i)..], swap);
                }
                break;
            case MatDataType.UInt32:
                for (int i = 0; i < n; i++)
                {
                    result[i] = Swap32(bytes[(4 * i)..], swap);
                }
                break;
            case MatDataType.Single:
                for (int i = 0; i < n; i++)
                {
                    result[i] = BitConverter.Int32BitsToSingle((int)Swap32(bytes[(4 * i)..], swap));
                }
                break;
            case MatDataType.Int64:
                for (int i = 0; i < n; i++)
                {
                    result[i] = (long)Swap64(bytes[(8 * i)..], swap);
                }
                break;
            case MatDataType.UInt64:
                for (int i = 0; i < n; i++)
                {
                    result[i] = Swap64(bytes[(8 * i)..], swap);
                }
                break;
        }
        return result;
    }

    private static ushort Swap16(ReadOnlySpan<byte> b, bool swap)
    {
        ushort v = MemoryMarshal.Read<ushort>(b);
        return swap ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    private static uint Swap32(ReadOnlySpan<byte> b, bool swap)
    {
        uint v = MemoryMarshal.Read<uint>(b);
        return swap ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    private static ulong Swap64(ReadOnlySpan<byte> b, bool swap)
    {
        ulong v = MemoryMarshal.Read<ulong>(b);
        return swap ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    /// <summary>Reads the element tag at <paramref name="pos"/> and checks that its data lies before <paramref name="end"/>.</summary>
    private Tag ReadTag(Segment seg, int pos, int end, string? label)
    {
        if (end - pos < 8)
        {
            throw Fail(seg, pos, label, $"truncated: an element tag needs 8 bytes but only {Math.Max(0, end - pos)} remain");
        }
        uint first = ReadU32(seg, pos);
        if (first >> 16 != 0)
        {
            // Small data element: byte count in the upper 16 bits, type in the lower, data in the next 4 bytes.
            int smallSize = (int)(first >> 16);
            if (smallSize > 4)
            {
                throw Fail(seg, pos, label, $"corrupt element tag: a small element cannot hold {smallSize} bytes (type {MatDataTypes.Name((int)(first & 0xFFFF))})");
            }
            return new Tag((int)(first & 0xFFFF), smallSize, pos + 4, pos + 8);
        }
        uint size = ReadU32(seg, pos + 4);
        int dataStart = pos + 8;
        if (size > (uint)(end - dataStart))
        {
            if (first == (uint)MatDataType.Matrix)
            {
                label ??= PeekName(seg, dataStart, end);
            }
            else if (first == (uint)MatDataType.Compressed)
            {
                label ??= PeekCompressedName(seg, dataStart, end);
            }
            throw Fail(seg, pos, label, $"truncated: a {MatDataTypes.Name((int)first)} element declares {size} bytes but only {end - dataStart} remain");
        }
        long next = dataStart + (long)size;
        next = Math.Min(end, (next + 7) & ~7L); // 8-byte padding; tolerate a missing pad at the very end
        return new Tag((int)first, (int)size, dataStart, (int)next);
    }

    /// <summary>Best-effort name of a truncated variable, so the error can say which one was cut off.</summary>
    private string? PeekName(Segment seg, int pos, int end)
    {
        try
        {
            var flags = ReadTag(seg, pos, end, "");
            var dims = ReadTag(seg, flags.Next, end, "");
            var name = ReadTag(seg, dims.Next, end, "");
            return name.Size > 0 ? Encoding.UTF8.GetString(seg.Data, name.DataStart, name.Size).TrimEnd('\0') : null;
        }
        catch (MatFormatException)
        {
            return null;
        }
    }

    /// <summary>Best-effort name of the variable in a cut-off compressed element: inflate what is there and peek.</summary>
    private string? PeekCompressedName(Segment seg, int dataStart, int end)
    {
        try
        {
            using var input = new MemoryStream(seg.Data, dataStart, end - dataStart, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var head = new byte[512];
            int n = zlib.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var inflated = new Segment(head[..n], seg.IsCompressed ? seg.CompressedAt : dataStart - 8);
            return n >= 8 ? PeekName(inflated, 8, n) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private byte[] Inflate(Segment seg, Tag tag)
    {
        try
        {
            using var input = new MemoryStream(seg.Data, tag.DataStart, tag.Size, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Max(256, tag.Size * 4));
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw Fail(seg, tag.DataStart - 8, null, $"the zlib stream of this compressed element is corrupt ({ex.Message})", ex);
        }
    }

    private ushort ReadU16(Segment seg, int pos)
    {
        ushort v = BitConverter.ToUInt16(seg.Data, pos);
        return _bigEndian == BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    private uint ReadU32(Segment seg, int pos)
    {
        uint v = BitConverter.ToUInt32(seg.Data, pos);
        return _bigEndian == BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(v) : v;
    }

    private MatFormatException Fail(Segment seg, int pos, string? variable, string detail, Exception? inner = null)
    {
        string location = seg.IsCompressed
            ? $"byte {pos} of the compressed element at byte {seg.CompressedAt}"
            : $"byte {pos}";
        return new MatFormatException(_file, variable, seg.IsCompressed ? seg.CompressedAt : pos, location, detail, inner);
    }

    private static string Printable(string s, int max)
    {
        var chars = s.Take(max).Select(c => c is >= ' ' and < '\x7f' ? c : '?').ToArray();
        return new string(chars);
    }
}
