using System.Buffers.Binary;
using System.IO.Compression;
using DlPath.Data.Formats;
using DlPath.Data.Formats.Idx;

namespace DlPath.Data.Tests.Idx;

public class IdxReaderTests
{
    /// <summary>An IDX file: magic (0, 0, type, rank), big-endian dims, payload.</summary>
    internal static byte[] Idx(byte type, int[] dims, byte[] payload)
    {
        var bytes = new byte[4 + 4 * dims.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int k = 0; k < dims.Length; k++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * k), dims[k]);
        }
        payload.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }
        return ms.ToArray();
    }

    private static readonly byte[] Images = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_ubyte_images_raw_and_gzipped(bool gzipped)
    {
        var bytes = Idx(0x08, [2, 3, 4], Images);
        if (gzipped)
        {
            bytes = Gzip(bytes);
        }
        var idx = IdxReader.Read(new MemoryStream(bytes), "images");
        Assert.Equal(IdxDataType.UInt8, idx.DataType);
        Assert.Equal([2, 3, 4], idx.Dims);
        Assert.Equal(Images, idx.Data);
        Assert.Equal(24, idx.Count);
    }

    [Fact]
    public void Gzip_is_detected_by_content_not_by_name()
    {
        using var dir = TestPaths.NewTempDir();
        var raw = dir.File("labels.gz");       // raw data under a .gz name
        var zipped = dir.File("labels-idx1");   // gzipped data without the suffix
        File.WriteAllBytes(raw, Idx(0x08, [3], [7, 8, 9]));
        File.WriteAllBytes(zipped, Gzip(Idx(0x08, [3], [7, 8, 9])));
        Assert.Equal([7, 8, 9], IdxReader.Read(raw).Data);
        Assert.Equal([7, 8, 9], IdxReader.Read(zipped).Data);
    }

    [Fact]
    public void Wider_types_are_big_endian()
    {
        var payload = new byte[2 * 4 + 0];
        BinaryPrimitives.WriteInt32BigEndian(payload, -5);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), 70000);
        Assert.Equal([-5.0, 70000], IdxReader.Read(new MemoryStream(Idx(0x0C, [2], payload)), "ints").ToDoubles());

        var floats = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(floats, 0.5f);
        BinaryPrimitives.WriteSingleBigEndian(floats.AsSpan(4), -2.25f);
        Assert.Equal([0.5, -2.25], IdxReader.Read(new MemoryStream(Idx(0x0D, [1, 2], floats)), "floats").ToDoubles());

        var doubles = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, Math.E);
        Assert.Equal([Math.E], IdxReader.Read(new MemoryStream(Idx(0x0E, [1], doubles)), "d").ToDoubles());

        Assert.Equal([-1.0, 127], IdxReader.Read(new MemoryStream(Idx(0x09, [2], [0xFF, 0x7F])), "s").ToDoubles());
        Assert.Equal([-2.0], IdxReader.Read(new MemoryStream(Idx(0x0B, [1], [0xFF, 0xFE])), "h").ToDoubles());
    }

    [Fact]
    public void Bad_magic_is_rejected()
    {
        var bytes = Idx(0x08, [3], [1, 2, 3]);
        bytes[0] = 0x12;
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(bytes), "x.idx"));
        Assert.Contains("IDX file 'x.idx': at byte 0", ex.Message);
        Assert.Contains("not an IDX file", ex.Message);
    }

    [Fact]
    public void Unknown_type_code_is_rejected()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(Idx(0x0A, [3], [1, 2, 3])), "x.idx"));
        Assert.Contains("unknown element type code 0x0A", ex.Message);
    }

    [Fact]
    public void Zero_rank_is_rejected()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream([0, 0, 8, 0]), "x.idx"));
        Assert.Contains("number of dimensions is 0", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_payload_says_how_much_is_missing(bool gzipped)
    {
        var bytes = Idx(0x08, [2, 3, 4], Images)[..^5];
        if (gzipped)
        {
            bytes = Gzip(bytes);
        }
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(bytes), "t.idx"));
        Assert.Contains("truncated: dimensions 2x3x4 of UInt8 need 24 data bytes, only 19 are there", ex.Message);
        Assert.Contains("at byte 35", ex.Message); // 16 header bytes + 19 data bytes
        if (gzipped)
        {
            Assert.Contains("(after gunzip)", ex.Message);
        }
    }

    [Fact]
    public void Truncated_dimensions_are_rejected()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(Idx(0x08, [2, 3, 4], [])[..10]), "t.idx"));
        Assert.Contains("3 dimensions need 12 bytes", ex.Message);
    }

    [Fact]
    public void Extra_bytes_after_the_payload_are_rejected()
    {
        var bytes = Idx(0x08, [3], [1, 2, 3, 4]);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(bytes), "x.idx"));
        Assert.Contains("goes on after the 3 data bytes", ex.Message);
    }

    [Fact]
    public void Corrupt_gzip_stream_is_a_format_error()
    {
        var bytes = Gzip(Idx(0x08, [100], Enumerable.Range(0, 100).Select(i => (byte)i).ToArray()));
        for (int i = 12; i < bytes.Length - 8; i++)
        {
            bytes[i] ^= 0xA5;
        }
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(bytes), "z.gz"));
        Assert.Contains("z.gz", ex.Message);
    }

    [Fact]
    public void Empty_file_is_a_format_error()
    {
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream([]), "empty"));
        Assert.Contains("too short for the 4-byte IDX magic number", ex.Message);
    }
}
