using System.Buffers.Binary;
using System.IO.Compression;

namespace DlPath.Data.Formats.Idx;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun's "THE IDX FILE FORMAT"): a 4-byte magic
/// number (two zero bytes, a type code, the number of dimensions), the dimensions as big-endian 32-bit
/// integers, then the data. Gzipped files (<c>*.gz</c>, as distributed) are detected by their own magic
/// bytes, whatever the file is called, and decompressed while reading.
/// </summary>
/// <remarks>Problems (bad magic, unknown type, a payload shorter or longer than the dimensions say, a corrupt
/// gzip stream) raise <see cref="DataFormatException"/> naming the file and the byte offset.</remarks>
public static class IdxReader
{
    /// <summary>Reads an IDX file, raw or gzipped.</summary>
    /// <exception cref="DataFormatException">The file is not a well-formed IDX file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxArray Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads an IDX file, raw or gzipped, from a stream.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="sourceName">The name used in error messages, typically the file name.</param>
    /// <exception cref="DataFormatException">The data is not a well-formed IDX file.</exception>
    public static IdxArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Peek two bytes for the gzip magic (0x1F 0x8B) without needing a seekable stream.
        var first = new byte[4];
        int got = stream.ReadAtLeast(first, 2, throwOnEndOfStream: false);
        bool gzipped = got >= 2 && first[0] == 0x1F && first[1] == 0x8B;
        var rest = new PrefixedStream(first.AsMemory(0, got), stream);
        if (!gzipped)
        {
            return ReadRaw(rest, sourceName, "");
        }
        try
        {
            using var gzip = new GZipStream(rest, CompressionMode.Decompress);
            return ReadRaw(gzip, sourceName, " (after gunzip)");
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(sourceName, $"IDX file '{sourceName}': the gzip stream is corrupt ({ex.Message})", ex);
        }
    }

    private static IdxArray ReadRaw(Stream s, string name, string where)
    {
        var magic = new byte[4];
        int n = s.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (n < 4)
        {
            throw Fail(name, 0, where, $"the file has {n} bytes, too short for the 4-byte IDX magic number");
        }
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Fail(name, 0, where, $"magic number starts with 0x{magic[0]:X2} 0x{magic[1]:X2}, expected 0x00 0x00: not an IDX file");
        }
        var type = (IdxDataType)magic[2];
        int size = IdxArray.ElementSize(type);
        if (size == 0)
        {
            throw Fail(name, 2, where, $"unknown element type code 0x{magic[2]:X2} (known: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)");
        }
        int rank = magic[3];
        if (rank == 0)
        {
            throw Fail(name, 3, where, "the number of dimensions is 0");
        }
        var dimBytes = new byte[4 * rank];
        n = s.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false);
        if (n < dimBytes.Length)
        {
            throw Fail(name, 4 + n, where, $"truncated: {rank} dimensions need {dimBytes.Length} bytes after the magic number, only {n} are there");
        }
        var dims = new int[rank];
        long count = 1;
        for (int k = 0; k < rank; k++)
        {
            dims[k] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * k));
            if (dims[k] < 0)
            {
                throw Fail(name, 4 + 4 * k, where, $"dimension {k} is negative ({dims[k]})");
            }
            count *= dims[k];
        }
        long payload = count * size;
        if (payload > Array.MaxLength)
        {
            throw Fail(name, 4, where, $"dimensions {string.Join("x", dims)} of {type} need {payload} bytes, more than one array can hold");
        }
        long dataStart = 4 + dimBytes.Length;
        var data = new byte[payload];
        n = s.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (n < data.Length)
        {
            throw Fail(name, dataStart + n, where, $"truncated: dimensions {string.Join("x", dims)} of {type} need {payload} data bytes, only {n} are there");
        }
        Span<byte> extra = stackalloc byte[1];
        if (s.Read(extra) > 0)
        {
            throw Fail(name, dataStart + payload, where, $"the file goes on after the {payload} data bytes that dimensions {string.Join("x", dims)} of {type} need (wrong header, or two files joined?)");
        }
        return new IdxArray(type, dims, data);
    }

    private static DataFormatException Fail(string name, long offset, string where, string detail) =>
        new(name, $"IDX file '{name}': at byte {offset}{where}: {detail}");

    /// <summary>A read-only stream that replays bytes already read from the start of another stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.Length > 0)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
