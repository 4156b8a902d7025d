using DlPath.Data.Formats.Mat;
using static DlPath.Data.Tests.Mat.MatBuilder;

namespace DlPath.Data.Tests.Mat;

/// <summary>The reader on files written by <see cref="MatBuilder"/>: every storage type, both byte orders, each class.</summary>
public class MatReaderTests
{
    // A 2x3 matrix [1 2 3; 4 5 6] in MATLAB's column-major storage order.
    private static readonly double[] ColumnMajor2x3 = [1, 4, 2, 5, 3, 6];
    private static readonly double[] RowMajor2x3 = [1, 2, 3, 4, 5, 6];

    public static TheoryData<int, int, bool, bool> StorageTypes()
    {
        var data = new TheoryData<int, int, bool, bool>();
        int[] storages = [MiInt8, MiUInt8, MiInt16, MiUInt16, MiInt32, MiUInt32, MiSingle, MiDouble, MiInt64, MiUInt64];
        foreach (var storage in storages)
        {
            foreach (var big in new[] { false, true })
            {
                foreach (var compress in new[] { false, true })
                {
                    data.Add(MxDouble, storage, big, compress);
                }
            }
        }
        int[] classes = [MxSingle, MxInt8, MxUInt8, MxInt16, MxUInt16, MxInt32, MxUInt32, MxInt64, MxUInt64];
        foreach (var cls in classes)
        {
            data.Add(cls, MiDouble, true, false);
            data.Add(cls, MiUInt8, false, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StorageTypes))]
    public void Numeric_matrix_in_any_storage_type_and_byte_order_reads_row_major(int mxClass, int storage, bool bigEndian, bool compress)
    {
        var b = new MatBuilder(bigEndian);
        b.Add(b.Numeric("M", mxClass, [2, 3], ColumnMajor2x3, storage), compress);
        var mat = MatFile.Parse(b.ToArray(), "m.mat");

        Assert.Equal(bigEndian, mat.IsBigEndian);
        var m = mat.GetNumeric("M");
        Assert.Equal((MatClass)mxClass, m.Class);
        Assert.Equal([2, 3], m.Dims);
        Assert.Equal(RowMajor2x3, m.Values);
        Assert.Equal(6, m.ToMatrix()[1, 2]);
        Assert.Equal(2, m[0, 1]);
    }

    [Fact]
    public void Negative_and_fractional_values_survive_their_storage_types()
    {
        var b = new MatBuilder(bigEndian: true);
        b.Add(b.Numeric("a", MxDouble, [1, 3], [-128, 0, 127], MiInt8))
         .Add(b.Numeric("b", MxDouble, [1, 2], [-32768, 32767], MiInt16))
         .Add(b.Numeric("c", MxDouble, [1, 2], [-2147483648, 4], MiInt32))
         .Add(b.Numeric("d", MxSingle, [1, 2], [0.5, -1.25], MiSingle))
         .Add(b.Numeric("e", MxDouble, [1, 2], [Math.PI, -1e-300], MiDouble))
         .Add(b.Numeric("f", MxInt64, [1, 1], [-(1L << 40)], MiInt64));
        var mat = MatFile.Parse(b.ToArray(), "types.mat");
        Assert.Equal([-128.0, 0, 127], mat.GetNumeric("a").Values);
        Assert.Equal([-32768.0, 32767], mat.GetNumeric("b").Values);
        Assert.Equal([-2147483648.0, 4], mat.GetNumeric("c").Values);
        Assert.Equal([0.5, -1.25], mat.GetNumeric("d").Values);
        Assert.Equal([Math.PI, -1e-300], mat.GetNumeric("e").Values);
        Assert.Equal(-(1L << 40), mat.GetNumeric("f").Scalar);
    }

    [Fact]
    public void Three_d_array_is_row_major_over_all_dimensions()
    {
        // 2x3x2 array with A(i,j,k) = 100*i + 10*j + k (1-based), stored column-major.
        var colMajor = new List<double>();
        for (int k = 1; k <= 2; k++)
        {
            for (int j = 1; j <= 3; j++)
            {
                for (int i = 1; i <= 2; i++)
                {
                    colMajor.Add(100 * i + 10 * j + k);
                }
            }
        }
        var b = new MatBuilder();
        b.Add(b.Numeric("A", MxDouble, [2, 3, 2], colMajor.ToArray(), MiDouble), compress: true);
        var a = MatFile.Parse(b.ToArray(), "a.mat").GetNumeric("A");
        Assert.Equal([2, 3, 2], a.Dims);
        Assert.Equal([111.0, 112, 121, 122, 131, 132, 211, 212, 221, 222, 231, 232], a.Values);
        Assert.Equal(232, a[1, 2, 1]);
    }

    [Fact]
    public void Logical_and_complex_flags_are_reported()
    {
        var b = new MatBuilder();
        b.Add(b.Numeric("L", MxUInt8, [1, 3], [1, 0, 1], MiUInt8, logical: true))
         .Add(b.Numeric("Z", MxDouble, [2, 1], [1, 2], MiDouble, imaginary: [3, -4]));
        var mat = MatFile.Parse(b.ToArray(), "flags.mat");
        var l = mat.GetNumeric("L");
        Assert.True(l.IsLogical);
        Assert.False(l.IsComplex);
        var z = mat.GetNumeric("Z");
        Assert.True(z.IsComplex);
        Assert.Equal([1.0, 2], z.Values);
        Assert.Equal([3.0, -4], z.Imaginary!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Char_array_rows_become_strings(bool bigEndian)
    {
        var b = new MatBuilder(bigEndian);
        // ["abc"; "xyz"] stored column-major: a x b y c z
        b.Add(b.Char("names", [2, 3], "axbycz")).Add(b.Char("title", [1, 5], "hello"), compress: true);
        var mat = MatFile.Parse(b.ToArray(), "chars.mat");
        var names = Assert.IsType<MatCharArray>(mat["names"]);
        Assert.Equal(["abc", "xyz"], names.Lines);
        Assert.Equal("hello", ((MatCharArray)mat["title"]).Text);
    }

    [Fact]
    public void Cell_array_holds_mixed_values_in_row_major_order()
    {
        var b = new MatBuilder();
        // C = {1, 'hi'; [1 2], {}} stored column-major: C{1,1}, C{2,1}, C{1,2}, C{2,2}
        var cell = b.Cell("C", [2, 2],
            b.Numeric("", MxDouble, [1, 1], [1], MiDouble),
            b.Numeric("", MxDouble, [1, 2], [1, 2], MiUInt8),
            b.Char("", [1, 2], "hi"),
            b.Element(MiMatrix, []));
        b.Add(cell, compress: true);
        var c = Assert.IsType<MatCellArray>(MatFile.Parse(b.ToArray(), "cell.mat")["C"]);
        Assert.Equal(4, c.Cells.Count);
        Assert.Equal(1, ((MatNumericArray)c.Cells[0]).Scalar);            // C{1,1}
        Assert.Equal("hi", ((MatCharArray)c.Cells[1]).Text);              // C{1,2}
        Assert.Equal([1.0, 2], ((MatNumericArray)c.Cells[2]).Values);      // C{2,1}
        Assert.Equal(0, c.Cells[3].Count);                                // C{2,2} empty
    }

    [Fact]
    public void Struct_fields_are_read_by_name()
    {
        var b = new MatBuilder(bigEndian: true);
        var s = b.Struct("opts", [1, 1], ["lambda", "name", "theta"],
            b.Numeric("", MxDouble, [1, 1], [1.5], MiDouble),
            b.Char("", [1, 3], "ex5"),
            b.Numeric("", MxDouble, [2, 1], [0.25, -0.5], MiDouble));
        b.Add(s);
        var opts = Assert.IsType<MatStructArray>(MatFile.Parse(b.ToArray(), "s.mat")["opts"]);
        Assert.Equal(["lambda", "name", "theta"], opts.FieldNames);
        Assert.Equal(1.5, ((MatNumericArray)opts["lambda"]).Scalar);
        Assert.Equal("ex5", ((MatCharArray)opts["name"]).Text);
        Assert.Equal([0.25, -0.5], ((MatNumericArray)opts["theta"]).Values);
        Assert.Throws<KeyNotFoundException>(() => opts["alpha"]);
    }

    [Fact]
    public void Struct_array_elements_are_row_major()
    {
        var b = new MatBuilder();
        // s is 1x2 with field v: s(1).v = 10, s(2).v = 20
        b.Add(b.Struct("s", [1, 2], ["v"],
            b.Numeric("", MxDouble, [1, 1], [10], MiDouble),
            b.Numeric("", MxDouble, [1, 1], [20], MiDouble)));
        var s = (MatStructArray)MatFile.Parse(b.ToArray(), "s.mat")["s"];
        Assert.Equal(20, ((MatNumericArray)s.Get(1, "v")).Scalar);
        Assert.Throws<InvalidOperationException>(() => s["v"]);
    }

    [Fact]
    public void Sparse_matrix_expands_to_dense_row_major()
    {
        var b = new MatBuilder();
        // [0 2; 3 0; 0 4]: column 1 has (row 1: 3); column 2 has (row 0: 2), (row 2: 4)
        b.Add(b.Sparse("S", 3, 2, ir: [1, 0, 2], jc: [0, 1, 3], pr: [3, 2, 4]), compress: true);
        var mat = MatFile.Parse(b.ToArray(), "sparse.mat");
        var s = Assert.IsType<MatSparseArray>(mat["S"]);
        Assert.Equal(3, s.Values.Count);
        Assert.Equal([0.0, 2, 3, 0, 0, 4], mat.GetNumeric("S").Values);
    }

    [Fact]
    public void Stream_and_file_reading_agree()
    {
        var b = new MatBuilder();
        b.Add(b.Numeric("M", MxDouble, [2, 3], ColumnMajor2x3, MiDouble), compress: true);
        var bytes = b.ToArray();
        using var dir = TestPaths.NewTempDir();
        var path = dir.File("m.mat");
        File.WriteAllBytes(path, bytes);
        Assert.Equal(RowMajor2x3, MatFile.Read(path).GetNumeric("M").Values);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(RowMajor2x3, MatFile.Read(stream, "m.mat").GetNumeric("M").Values);
    }
}
