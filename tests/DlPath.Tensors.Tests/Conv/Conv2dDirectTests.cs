using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// The direct float32 convolution kernels (<see cref="Conv2dDirect"/>) called on arrays, each against the plain
/// loops of <see cref="Conv2dReference"/>: odd channel counts (1, 3, 17, 63, 129), plane widths that are not
/// multiples of 16, sample counts that do not fill a sample block, offsets into larger arrays, and the serial and
/// parallel splits. The kernels need AVX-512; on other CPUs <see cref="Conv2dKernel"/> takes the column GEMMs,
/// which <see cref="Conv2dTests"/> covers, and these tests only check that the kernel declines.
/// </summary>
public class Conv2dDirectTests
{
    // (N, C, H, W, O, pad) for 3x3 kernels: padded rows of 16 floats or less (one strip), just over 16 (17 and 18:
    // a second strip that is mostly padding), 30 (the first layer, two strips) and 63 + 2 (five strips); samples
    // that fill a block, do not, and span several; the serial (small) and parallel splits.
    public static TheoryData<int[]> Planes => new()
    {
        new[] { 1, 1, 1, 1, 1, 1 },
        new[] { 3, 3, 17, 14, 5, 1 },
        new[] { 2, 17, 5, 12, 3, 2 },
        new[] { 9, 4, 7, 13, 63, 0 },
        new[] { 17, 8, 14, 14, 9, 1 },
        new[] { 2, 129, 3, 10, 2, 1 },
        new[] { 20, 32, 14, 14, 64, 1 },
        new[] { 3, 2, 5, 15, 3, 1 },
        new[] { 2, 3, 4, 17, 4, 0 },
        new[] { 19, 1, 28, 28, 32, 1 },
        new[] { 2, 3, 9, 63, 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Planes))]
    public void WeightGrad3x3MatchesReference(int[] s)
    {
        var g = new Im2ColGeometry(s[0], s[1], s[2], s[3], 3, 3, 1, 1, s[5], s[5], 1, 1);
        if (!Conv2dDirect.Suits(g, 1))
        {
            Assert.False(Avx512F.IsSupported);
            return;
        }

        Assert.True(Conv2dDirect.SuitsWeightGrad3x3(g));
        CheckWeightGrad(g, s[4], (x, xo, dy, dyo, dw, db) => Conv2dDirect.WeightGrad3x3(x, xo, dy, dyo, dw, db, g, s[4]));
    }

    [Theory]
    [MemberData(nameof(Planes))]
    public void GeneralWeightGradMatchesReferenceOnTheSameShapes(int[] s)
    {
        var g = new Im2ColGeometry(s[0], s[1], s[2], s[3], 3, 3, 1, 1, s[5], s[5], 1, 1);
        if (!Conv2dDirect.Suits(g, 1)) return;
        CheckWeightGrad(g, s[4], (x, xo, dy, dyo, dw, db) => Conv2dDirect.WeightGrad(x, xo, dy, dyo, dw, db, g, s[4]));
    }

    // (N, C, H, W, O, kh, kw, pad): output grids (Oh x padded width) of 96 (two 48-wide tiles), 224 (four and one
    // of 32), 323 (a remainder over 32 takes a third 48-wide tile), 840, 1 and odd sizes; 1, 3, 17, 63, 129 channels.
    public static TheoryData<int[]> DirectShapes => new()
    {
        new[] { 2, 3, 6, 14, 5, 3, 3, 1 },
        new[] { 3, 32, 14, 14, 17, 3, 3, 1 },
        new[] { 2, 3, 17, 17, 63, 3, 3, 1 },
        new[] { 2, 1, 28, 28, 32, 3, 3, 1 },
        new[] { 1, 1, 1, 1, 1, 1, 1, 0 },
        new[] { 3, 17, 5, 9, 129, 3, 3, 2 },
        new[] { 2, 5, 11, 23, 9, 5, 3, 2 },
        new[] { 9, 8, 7, 3, 3, 3, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(DirectShapes))]
    public void ForwardAndInputGradMatchReference(int[] s)
    {
        int o = s[4];
        var g = new Im2ColGeometry(s[0], s[1], s[2], s[3], s[5], s[6], 1, 1, s[7], s[7], 1, 1);
        if (!Conv2dDirect.Suits(g, 1))
        {
            Assert.False(Avx512F.IsSupported);
            return;
        }

        var rng = new Random((g.N * 7) + o);
        int xLength = g.N * g.C * g.H * g.W, wLength = o * g.C * g.Kh * g.Kw, yLength = g.N * o * g.L, at = 3;
        float[] x = Filled(rng, xLength, at), w = Filled(rng, wLength, at), bias = Filled(rng, o, at), dy = Filled(rng, yLength, at);
        float[] y = new float[yLength], dx = new float[xLength];
        Array.Fill(y, float.NaN);
        Array.Fill(dx, float.NaN);
        Conv2dDirect.Forward(x, at, w, at, bias, at, y, g, o);
        Conv2dDirect.InputGrad(dy, at, w, at, dx, g, o);

        double[] ry = new double[yLength], rdx = new double[xLength], rdw = new double[wLength], rdb = new double[o];
        double[] xd = Wide(x, at, xLength), wd = Wide(w, at, wLength);
        Conv2dReference.Forward<double>(xd, wd, Wide(bias, at, o), ry, g, o, 1);
        Conv2dReference.Backward<double>(xd, wd, Wide(dy, at, yLength), rdx, rdw, rdb, g, o, 1);
        AssertClose(ry, y, g.C * g.Kh * g.Kw, "y");
        AssertClose(rdx, dx, o * g.Kh * g.Kw, "dx");
    }

    // (N, C, H, W, O) for 3x3 kernels with padding 1: rows of 16 floats or less, 17 + 2 (two strips), 28 + 2 (the
    // first layer's planes), 63 + 2 (five strips); 1, 3, 17, 63, 129 channels; blocks filled, partial and several.
    public static TheoryData<int[]> SamePadding => new()
    {
        new[] { 1, 1, 1, 1, 1 },
        new[] { 3, 3, 17, 14, 5 },
        new[] { 9, 17, 5, 12, 3 },
        new[] { 20, 32, 14, 14, 64 },
        new[] { 2, 63, 7, 17, 9 },
        new[] { 3, 2, 9, 28, 129 },
        new[] { 2, 5, 4, 63, 2 },
        new[] { 17, 8, 14, 14, 17 },
    };

    [Theory]
    [MemberData(nameof(SamePadding))]
    public void FusedBackward3x3MatchesReference(int[] s)
    {
        int o = s[4];
        var g = new Im2ColGeometry(s[0], s[1], s[2], s[3], 3, 3, 1, 1, 1, 1, 1, 1);
        if (!Conv2dDirect.Suits(g, 1))
        {
            Assert.False(Avx512F.IsSupported);
            return;
        }

        Assert.True(Conv2dDirect.SuitsBackward3x3(g));
        var rng = new Random((g.N * 5) + o);
        int xLength = g.N * g.C * g.H * g.W, wLength = o * g.C * 9, yLength = g.N * o * g.L, at = 6;
        float[] x = Filled(rng, xLength, at), w = Filled(rng, wLength, at), dy = Filled(rng, yLength, at);
        float[] dx = new float[xLength], dw = new float[wLength], db = new float[o];
        Array.Fill(dx, float.NaN);
        Array.Fill(dw, float.NaN);
        Array.Fill(db, float.NaN);
        Conv2dDirect.Backward3x3(x, at, w, at, dy, at, dx, dw, db, g, o);

        double[] rdx = new double[xLength], rdw = new double[wLength], rdb = new double[o];
        Conv2dReference.Backward<double>(Wide(x, at, xLength), Wide(w, at, wLength), Wide(dy, at, yLength), rdx, rdw, rdb, g, o, 1);
        AssertClose(rdx, dx, o * 9, "dx");
        AssertClose(rdw, dw, g.N * g.L, "dw");
        AssertClose(rdb, db, g.N * g.L, "db");
    }

    [Fact]
    public void WeightGrad3x3DeclinesOtherKernels()
    {
        Assert.False(Conv2dDirect.SuitsWeightGrad3x3(new Im2ColGeometry(1, 1, 8, 8, 5, 5, 1, 1, 1, 1, 1, 1)));
        Assert.False(Conv2dDirect.SuitsWeightGrad3x3(new Im2ColGeometry(1, 1, 8, 8, 3, 1, 1, 1, 1, 0, 1, 1)));
        Assert.False(Conv2dDirect.SuitsBackward3x3(new Im2ColGeometry(1, 1, 8, 8, 3, 3, 1, 1, 0, 0, 1, 1)));
        Assert.False(Conv2dDirect.SuitsBackward3x3(new Im2ColGeometry(1, 1, 8, 8, 3, 3, 1, 1, 2, 1, 1, 1)));
    }

    // Runs a weight-gradient kernel on x and dy placed at an offset inside larger arrays (the leading and trailing
    // elements are NaN: a read outside the tensor shows in the result) and compares dw and db with the reference
    // computed in float64.
    private static void CheckWeightGrad(Im2ColGeometry g, int o, Action<float[], int, float[], int, float[], float[]> kernel)
    {
        var rng = new Random((g.N * 131) + (g.C * 17) + o);
        int xLength = g.N * g.C * g.H * g.W, dyLength = g.N * o * g.L, at = 5;
        float[] x = Filled(rng, xLength, at), dy = Filled(rng, dyLength, at);
        float[] dw = new float[o * g.C * 9], db = new float[o];
        Array.Fill(dw, float.NaN);
        Array.Fill(db, float.NaN);
        kernel(x, at, dy, at, dw, db);

        double[] rdx = new double[xLength], rdw = new double[dw.Length], rdb = new double[o];
        Conv2dReference.Backward<double>(Wide(x, at, xLength), new double[dw.Length], Wide(dy, at, dyLength), rdx, rdw, rdb, g, o, 1);
        AssertClose(rdw, dw, g.N * g.L, "dw");
        AssertClose(rdb, db, g.N * g.L, "db");
    }

    private static float[] Filled(Random rng, int length, int at)
    {
        var a = new float[at + length + 7];
        Array.Fill(a, float.NaN);
        for (int i = 0; i < length; i++) a[at + i] = (float)((rng.NextDouble() * 2) - 1);
        return a;
    }

    private static double[] Wide(float[] a, int at, int length) => Array.ConvertAll(a[at..(at + length)], v => (double)v);

    // The float32 kernels against a float64 reference: a sum of `terms` products of values in [-1, 1] carries a
    // rounding error that grows about with its square root.
    private static void AssertClose(double[] expected, float[] actual, int terms, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = (1e-5 * Math.Sqrt(terms)) + (1e-5 * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
