using DlPath.Data.Formats;
using DlPath.Data.Formats.Mat;
using static DlPath.Data.Tests.Mat.MatBuilder;

namespace DlPath.Data.Tests.Mat;

/// <summary>Broken input gives a <see cref="MatFormatException"/> naming file, variable and offset, never a crash.</summary>
public class MatMalformedTests
{
    private static byte[] Ex5 => File.ReadAllBytes(TestPaths.MlCourse("ex5/ex5data1.mat"));

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(130)]
    [InlineData(200)]
    [InlineData(600)]
    [InlineData(1300)]
    public void Truncated_course_file_is_a_clear_error(int length)
    {
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(Ex5[..length], "ex5data1.mat"));
        Assert.StartsWith("MAT file 'ex5data1.mat': ", ex.Message);
        Assert.Contains("at byte", ex.Message);
        Assert.True(ex.Offset >= 0 && ex.Offset <= length, $"offset {ex.Offset} outside the {length} bytes read");
        Assert.IsAssignableFrom<DataFormatException>(ex);
    }

    [Fact]
    public void Every_truncation_of_a_course_file_fails_cleanly()
    {
        // Whatever the cut, the reader throws MatFormatException and nothing else (no IndexOutOfRange).
        var bytes = Ex5;
        for (int length = 0; length < bytes.Length; length += 7)
        {
            Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes[..length], "ex5data1.mat"));
        }
    }

    [Fact]
    public void Truncation_inside_an_uncompressed_variable_names_the_variable()
    {
        var b = new MatBuilder();
        b.Add(b.Numeric("theta", MxDouble, [4, 4], new double[16], MiDouble));
        var bytes = b.ToArray();
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes[..^40], "t.mat"));
        Assert.Equal("theta", ex.VariableName);
        Assert.Contains("variable 'theta'", ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Wrong_header_text_is_rejected()
    {
        var bytes = Ex5;
        "NOT A MAT FILE"u8.CopyTo(bytes);
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes, "fake.mat"));
        Assert.Contains("does not start with 'MATLAB'", ex.Message);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Missing_endian_indicator_is_rejected()
    {
        var bytes = Ex5;
        bytes[126] = (byte)'X';
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes, "ex5data1.mat"));
        Assert.Contains("endian indicator", ex.Message);
        Assert.Equal(126, ex.Offset);
    }

    [Fact]
    public void A_text_file_is_not_a_mat_file()
    {
        var text = File.ReadAllBytes(TestPaths.MlCourse("ex6/vocab.txt"));
        Assert.Throws<MatFormatException>(() => MatFile.Parse(text, "vocab.txt"));
    }

    [Fact]
    public void V73_hdf5_file_is_reported_as_such()
    {
        var bytes = Ex5;
        bytes[124] = 0x00;
        bytes[125] = 0x02; // version 0x0200, little-endian
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes, "big.mat"));
        Assert.Contains("v7.3", ex.Message);
    }

    [Fact]
    public void Corrupt_zlib_stream_is_reported_with_the_element_offset()
    {
        var bytes = Ex5;
        // The first compressed element starts at byte 128; its zlib data at 136. Garble the deflate stream.
        for (int i = 140; i < 180; i++)
        {
            bytes[i] ^= 0x5A;
        }
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes, "ex5data1.mat"));
        Assert.Equal(128, ex.Offset);
        Assert.Contains("at byte 128: the zlib stream of this compressed element is corrupt", ex.Message);
    }

    [Fact]
    public void Truncated_compressed_variable_names_the_variable_and_the_element()
    {
        var b = new MatBuilder();
        b.Add(b.Numeric("Theta1", MxDouble, [25, 40], Enumerable.Range(0, 1000).Select(i => Math.Sin(i)).ToArray(), MiDouble), compress: true);
        var bytes = b.ToArray();
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(bytes[..(bytes.Length - 2000)], "w.mat"));
        Assert.Equal("Theta1", ex.VariableName);
        Assert.Equal(128, ex.Offset);
    }

    [Fact]
    public void Unsupported_class_names_the_variable_and_class()
    {
        var b = new MatBuilder();
        b.Add(b.Raw(MxObject, "model", [1, 1], b.Name("SomeClass")), compress: true);
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "obj.mat"));
        Assert.Equal("model", ex.VariableName);
        Assert.Contains("array class Object is not supported", ex.Message);
        Assert.Contains("compressed element at byte 128", ex.Message);
    }

    [Fact]
    public void Value_count_that_does_not_match_the_dimensions_is_rejected()
    {
        var b = new MatBuilder(bigEndian: true);
        b.Add(b.Numeric("X", MxDouble, [3, 3], [1, 2, 3, 4], MiDouble));
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "x.mat"));
        Assert.Contains("holds 4 values but the dimensions need 9", ex.Message);
        Assert.Equal("X", ex.VariableName);
    }

    [Fact]
    public void Numeric_data_in_a_non_numeric_type_is_rejected()
    {
        var b = new MatBuilder();
        b.Add(b.Raw(MxDouble, "X", [1, 2], b.Element(MiUtf8, [1, 2, 3, 4, 5, 6, 7, 8])));
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "x.mat"));
        Assert.Contains("miUTF8, which is not a numeric data type", ex.Message);
    }

    [Fact]
    public void Unexpected_top_level_element_is_rejected()
    {
        var b = new MatBuilder();
        b.Add(b.Element(MiDouble, new byte[8]));
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "x.mat"));
        Assert.Contains("unexpected top-level element miDOUBLE", ex.Message);
        Assert.Equal(128, ex.Offset);
    }

    [Fact]
    public void Sparse_with_out_of_range_row_index_is_rejected()
    {
        var b = new MatBuilder();
        b.Add(b.Sparse("S", 2, 2, ir: [0, 5], jc: [0, 1, 2], pr: [1, 2]));
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "s.mat"));
        Assert.Contains("sparse row index 5 is outside 0..1", ex.Message);
        Assert.Equal("S", ex.VariableName);
    }

    [Fact]
    public void Sparse_with_decreasing_column_starts_is_rejected()
    {
        var b = new MatBuilder();
        b.Add(b.Sparse("S", 2, 2, ir: [0, 1], jc: [0, 2, 1], pr: [1, 2]));
        var ex = Assert.Throws<MatFormatException>(() => MatFile.Parse(b.ToArray(), "s.mat"));
        Assert.Contains("not increasing", ex.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found()
    {
        using var dir = TestPaths.NewTempDir();
        Assert.Throws<FileNotFoundException>(() => MatFile.Read(dir.File("x.mat")));
    }
}
