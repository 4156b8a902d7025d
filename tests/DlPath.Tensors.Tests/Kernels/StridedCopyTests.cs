using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.Kernels;

/// <summary>
/// The tiled copy of transposed views (Contiguous of a .T, CopyFrom into one) and the vectorised column sums agree
/// with element-by-element twins, on sizes around and between the tile and vector widths.
/// </summary>
public class StridedCopyTests
{
    public static TheoryData<int, int> Sizes
    {
        get
        {
            var data = new TheoryData<int, int>();
            int[] sizes = [1, 3, 4, 17, 32, 33, 63, 129];
            foreach (int r in sizes)
            {
                foreach (int c in sizes) data.Add(r, c);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ContiguousOfATransposeMatchesIndexing(int rows, int cols)
    {
        var g = new Generator((ulong)((rows * 1000) + cols));
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int64 })
        {
            var a = dtype == DType.Int64 ? Tensor.RandInt(-1000, 1000, [cols, rows], g) : Tensor.Randn([cols, rows], dtype, g);
            var view = a.T;
            var dense = view.Contiguous();
            Assert.True(dense.IsContiguous);
            var d = dense.ToArray<double>();
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    Assert.Equal(ValueAt(a, j, i), d[(i * cols) + j]);
                }
            }
        }
    }

    [Fact]
    public void BatchedPermutesAndOffsetViewsCopyEveryMatrix()
    {
        var g = new Generator(21);

        // (2, 3, 17, 40) -> a view whose last two dims are transposed, starting at a non-zero offset.
        var big = Tensor.Randn([2, 3, 40, 20], generator: g);
        var view = big.Slice(3, 2, 19).Transpose(-2, -1); // (2, 3, 17, 40), strides (2400, 800, 1, 20)
        var dense = view.Contiguous().ToArray<double>();
        int p = 0;
        for (int n = 0; n < 2; n++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int i = 0; i < 17; i++)
                {
                    for (int j = 0; j < 40; j++) Assert.Equal(big.GetValue<float>(n, c, j, i + 2), dense[p++]);
                }
            }
        }

        // Dims moved in front of the matrix: (40, 2, 20) from a (2, 20, 40) permute.
        var perm = Tensor.Randn([2, 20, 40], generator: g).Permute(0, 2, 1);
        Assert.Equal(Indexed(perm), perm.Contiguous().ToArray<float>());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 7)]
    [InlineData(33, 17)]
    [InlineData(63, 129)]
    public void CopyIntoATransposedViewMatchesIndexing(int rows, int cols)
    {
        var g = new Generator(3);
        var target = Tensor.Zeros([cols, rows]);
        var src = Tensor.Randn([rows, cols], generator: g);
        target.T.CopyFrom(src);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) Assert.Equal(src.GetValue<float>(i, j), target.GetValue<float>(j, i));
        }

        // A batch of transposed matrices inside a larger buffer leaves everything else alone.
        var outer = Tensor.Full([3, cols + 2, rows], -7.0, DType.Float64);
        var batch = Tensor.Randn([3, rows, cols], DType.Float64, g);
        outer.Slice(1, 1, cols + 1).MT.CopyFrom(batch);
        for (int b = 0; b < 3; b++)
        {
            for (int j = 0; j < cols + 2; j++)
            {
                for (int i = 0; i < rows; i++)
                {
                    double expected = j == 0 || j == cols + 1 ? -7.0 : batch.GetValue<double>(b, i, j - 1);
                    Assert.Equal(expected, outer.GetValue<double>(b, j, i));
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 17)]
    [InlineData(17, 3)]
    [InlineData(63, 129)]
    [InlineData(129, 63)]
    [InlineData(1000, 10)]
    public void ColumnSumsMatchTheReference(int rows, int cols)
    {
        var g = new Generator((ulong)(rows + cols));
        var x = Tensor.Randn([rows, cols], generator: g).AsSpan<float>().ToArray();
        var fast = new float[cols];
        var reference = new float[cols];
        ReduceKernels.SumColumns<float>(x, rows, cols, fast);
        ReduceKernels.SumColumnsReference<float>(x, rows, cols, reference);
        for (int j = 0; j < cols; j++) Assert.True(Math.Abs(fast[j] - reference[j]) <= 1e-5 * (1 + Math.Sqrt(rows)), $"column {j}: {fast[j]} vs {reference[j]}");

        var xd = Tensor.Randn([rows, cols], DType.Float64, g).AsSpan<double>().ToArray();
        var fastD = new double[cols];
        var referenceD = new double[cols];
        ReduceKernels.SumColumns<double>(xd, rows, cols, fastD);
        ReduceKernels.SumColumnsReference<double>(xd, rows, cols, referenceD);
        for (int j = 0; j < cols; j++) Assert.Equal(referenceD[j], fastD[j], 1e-10);
    }

    [Theory]
    [InlineData(new[] { 129, 17 }, new[] { 0 })]
    [InlineData(new[] { 1, 3 }, new[] { 0 })]
    [InlineData(new[] { 3, 63, 5 }, new[] { 0, 1 })]
    [InlineData(new[] { 3, 63, 5 }, new[] { 1 })]
    [InlineData(new[] { 2, 3, 4, 17 }, new[] { 1, 2 })]
    [InlineData(new[] { 200, 3, 33 }, new[] { 0 })]
    public void SumOverLeadingDimsMatchesLoops(int[] shape, int[] dims)
    {
        var g = new Generator(6);
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int64 })
        {
            var x = dtype == DType.Int64 ? Tensor.RandInt(-50, 50, shape, g) : Tensor.Randn(shape, dtype, g);
            var xs = x.ToArray<double>();
            int a = dims[0], b = dims[^1] + 1;
            int outer = shape[..a].Aggregate(1, (p, v) => p * v), reduced = shape[a..b].Aggregate(1, (p, v) => p * v), inner = shape[b..].Aggregate(1, (p, v) => p * v);
            foreach (bool keepDim in new[] { false, true })
            {
                var sum = x.Sum(dims, keepDim);
                Assert.Equal(Reduction.OutputShape(shape, dims, keepDim), sum.ShapeArray());
                Assert.Equal(dtype, sum.DType);
                var r = sum.ToArray<double>();
                for (int o = 0; o < outer; o++)
                {
                    for (int i = 0; i < inner; i++)
                    {
                        double expected = 0;
                        for (int k = 0; k < reduced; k++) expected += xs[(((o * reduced) + k) * inner) + i];
                        Assert.True(Math.Abs(expected - r[(o * inner) + i]) <= 1e-4 * (1 + Math.Abs(expected)), $"{dtype} [{o},{i}]: {r[(o * inner) + i]} vs {expected}");
                    }
                }
            }
        }
    }

    private static double ValueAt(Tensor t, int i, int j) => t.DType switch
    {
        DType.Float32 => t.GetValue<float>(i, j),
        DType.Float64 => t.GetValue<double>(i, j),
        _ => t.GetValue<long>(i, j),
    };

    private static float[] Indexed(Tensor t)
    {
        var r = new List<float>();
        for (int a = 0; a < t.Shape[0]; a++)
        {
            for (int b = 0; b < t.Shape[1]; b++)
            {
                for (int c = 0; c < t.Shape[2]; c++) r.Add(t.GetValue<float>(a, b, c));
            }
        }

        return r.ToArray();
    }
}
