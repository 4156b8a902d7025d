using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.Indexing;

/// <summary>The fast im2col/col2im kernels agree with their plain-loop reference twins on many geometries.</summary>
public class UnfoldKernelTests
{
    // (N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw): small, padded, strided, dilated, 1x1, kernel = input, large (parallel path).
    public static TheoryData<int[]> Geometries => new()
    {
        new[] { 1, 1, 4, 4, 3, 3, 1, 1, 0, 0, 1, 1 },
        new[] { 2, 3, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1 },
        new[] { 2, 2, 7, 5, 2, 3, 2, 1, 1, 0, 1, 2 },
        new[] { 1, 2, 9, 9, 3, 2, 3, 3, 2, 1, 2, 3 },
        new[] { 3, 4, 5, 5, 1, 1, 1, 1, 0, 0, 1, 1 },
        new[] { 1, 1, 3, 4, 3, 4, 1, 1, 0, 0, 1, 1 },
        new[] { 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 1, 1 },
        new[] { 4, 16, 28, 28, 5, 5, 1, 1, 2, 2, 1, 1 },
        new[] { 2, 8, 17, 13, 3, 3, 2, 2, 1, 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void FastIm2ColAndCol2ImMatchReference(int[] p)
    {
        var g = new Im2ColGeometry(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]);
        var rng = new Random(p.Sum());
        var x = new double[g.N * g.C * g.H * g.W];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() - 0.5;
        int colsLength = g.N * g.C * g.Kh * g.Kw * g.L;

        var fast = new double[colsLength];
        var reference = new double[colsLength];
        Array.Fill(fast, double.NaN); // the kernel must write every element, padding included
        Tensor.Im2Col(x, 0, fast, g);
        Tensor.Im2ColReference<double>(x, reference, g);
        Assert.Equal(reference, fast);

        var cols = new double[colsLength];
        for (int i = 0; i < cols.Length; i++) cols[i] = rng.NextDouble() - 0.5;
        var foldFast = new double[x.Length];
        var foldReference = new double[x.Length];
        Tensor.Col2Im(cols, 0, foldFast, g);
        Tensor.Col2ImReference<double>(cols, foldReference, g);
        for (int i = 0; i < x.Length; i++) Assert.Equal(foldReference[i], foldFast[i], 12);
    }

    [Fact]
    public void UnfoldReadsAViewWithAStorageOffset()
    {
        var x = Tensor.Arange(0, 2 * 2 * 4 * 4, 1, DType.Float32).Reshape(2, 2, 4, 4);
        var view = x[1..]; // contiguous, starts at element 32 of the storage
        Assert.True(view.IsContiguous && view.StorageOffset > 0);
        Assert.Equal(view.Clone().Unfold(2, padding: 1).ToArray<float>(), view.Unfold(2, padding: 1).ToArray<float>());
        Assert.Equal(view.Unfold(2).Fold([4, 4], [2]).ToArray<float>(), view.Clone().Unfold(2).Fold([4, 4], [2]).ToArray<float>());
    }

    [Fact]
    public void UnfoldShapeAndErrors()
    {
        var x = Tensor.Zeros(2, 3, 28, 28);
        Assert.Equal([2, 27, 784], x.Unfold(3, padding: 1).ShapeArray());
        Assert.Equal([2, 75, 144], x.Unfold(5, stride: 2).ShapeArray());
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros(3, 28, 28).Unfold(3));
        Assert.Contains("4-D (N,C,H,W) input, got (3,28,28)", e.Message);
        var small = Assert.Throws<ShapeException>(() => Tensor.Zeros(1, 1, 2, 2).Unfold(3));
        Assert.Contains("smaller than the 3x3 kernel", small.Message);
        Assert.Throws<ArgumentException>(() => x.Unfold(3, stride: 0));
        var fold = Assert.Throws<ShapeException>(() => Tensor.Zeros(1, 4, 5).Fold([3, 3], [2]));
        Assert.Contains("gives 2x2 = 4", fold.Message);
    }

    [Fact]
    public void UnfoldThenMatMulIsAConvolution()
    {
        // A 2x2 box filter over a 3x3 image of 1..9 as unfold + matmul: sums of each 2x2 window.
        var img = Tensor.Arange(1, 10, 1, DType.Float64).Reshape(1, 1, 3, 3);
        var cols = img.Unfold(2); // (1, 4, 4)
        var sums = Tensor.Ones([1, 4], DType.Float64).MatMul(cols[0]);
        Assert.Equal(new double[] { 12, 16, 24, 28 }, sums.ToArray<double>());
    }
}
