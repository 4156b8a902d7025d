using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;
using static DlPath.Tensors.Tests.Conv.ConvTestData;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// The kernels behind the fused conv + ReLU + 2x2 max pool node, called on arrays: <see cref="Conv2dDirect.ForwardReluPool2x2"/>
/// against the plain forward followed by ReLU and a 2x2 pool written out here (first max wins, NaN wins, a winner
/// byte for the first cell equal to the max, <see cref="Conv2dDirect.NoWinner"/> where the max is not &gt; 0),
/// <see cref="Conv2dDirect.ExpandPooledGrad"/> against a plain loop, and <see cref="Conv2dDirect.TryBackwardFromPooled"/>
/// (the <see cref="DyPlanes"/> of a pooled gradient) against <see cref="Conv2dReference.Backward{T}"/> and the dense
/// direct backward on the expanded gradient. Odd sizes, channel counts off the vector width, N = 1 and 7. The kernels
/// need AVX-512; elsewhere these tests only check that the direct kernel declines.
/// </summary>
public class Conv2dReluPoolKernelTests
{
    // (N, C, H, W, O, kernel, padding): conv outputs with odd rows and columns (a last row / column no window
    // takes), pooled rows shorter than, equal to and longer than 8 windows, O not a multiple of 8.
    public static TheoryData<int[]> Shapes => new()
    {
        new[] { 1, 1, 5, 5, 1, 3, 1 },
        new[] { 7, 3, 9, 11, 9, 3, 1 },
        new[] { 1, 17, 13, 14, 17, 3, 1 },
        new[] { 7, 2, 28, 28, 32, 3, 1 },
        new[] { 2, 32, 14, 14, 64, 3, 1 },
        new[] { 2, 3, 63, 17, 8, 3, 1 },
        new[] { 1, 1, 7, 129, 3, 3, 1 },
        new[] { 1, 3, 17, 33, 3, 3, 0 },
        new[] { 7, 1, 7, 9, 5, 3, 0 },
        new[] { 3, 5, 11, 23, 9, 5, 2 },
        new[] { 1, 2, 2, 2, 3, 1, 0 },
        new[] { 7, 4, 12, 35, 3, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardReluPool2x2MatchesTheDirectForwardThenAPlainPool(int[] s)
    {
        var (g, o) = Geometry(s);
        if (!Conv2dDirect.Suits(g, 1) || !Conv2dDirect.SuitsReluPool)
        {
            Assert.False(Avx512F.IsSupported && Avx512BW.VL.IsSupported);
            return;
        }

        // Random values with a few NaN inputs: the pooled cells are those of the plain direct forward, bit for bit.
        var rng = new Random((g.N * 31) + o);
        int xLength = g.N * g.C * g.H * g.W, wLength = o * g.C * g.Kh * g.Kw, at = 3;
        float[] x = Filled(rng, xLength, at), w = Filled(rng, wLength, at), bias = Filled(rng, o, at);
        for (int i = at + 11; i < at + xLength; i += 301) x[i] = float.NaN;
        var (pooled, winners) = Fused(x, at, w, at, bias, at, g, o);

        var y = new float[g.N * o * g.L];
        Conv2dDirect.Forward(x, at, w, at, bias, at, y, g, o);
        var (ep, ew) = PlainReluPool(y, g.N * o, g.Oh, g.Ow);
        AssertBits(ep, pooled, "pooled");
        Assert.Equal(ew, winners);

        // And close to the float64 reference convolution pooled the same way (NaN where it is NaN).
        var ry = new double[y.Length];
        Conv2dReference.Forward<double>(Wide(x, at, xLength), Wide(w, at, wLength), Wide(bias, at, o), ry, g, o, 1);
        var (rp, _) = PlainReluPool(Array.ConvertAll(ry, v => (float)v), g.N * o, g.Oh, g.Ow);
        for (int i = 0; i < rp.Length; i++)
        {
            double tol = (1e-5 * Math.Sqrt(g.C * g.Kh * g.Kw)) + (1e-5 * Math.Abs(rp[i]));
            bool ok = float.IsNaN(rp[i]) ? float.IsNaN(pooled[i]) : Math.Abs(rp[i] - pooled[i]) <= tol;
            Assert.True(ok, $"pooled[{i}]: expected {rp[i]}, got {pooled[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardReluPool2x2OnIntegerGridsGivesExactTiesAndWinners(int[] s)
    {
        var (g, o) = Geometry(s);
        if (!Conv2dDirect.Suits(g, 1) || !Conv2dDirect.SuitsReluPool)
        {
            Assert.False(Avx512F.IsSupported && Avx512BW.VL.IsSupported);
            return;
        }

        // Small integers: every sum is exact in any order, so the float32 reference is exact too and the windows
        // hold many ties (the winner is the first of them) and exact zeros of both signs.
        var rng = new Random((g.N * 37) + o);
        int xLength = g.N * g.C * g.H * g.W, wLength = o * g.C * g.Kh * g.Kw;
        float[] x = Ints(rng, xLength, 2), w = Ints(rng, wLength, 1), bias = Ints(rng, o, 1);
        for (int i = 5; i < xLength; i += 13) x[i] = -0f;
        var (pooled, winners) = Fused(x, 0, w, 0, bias, 0, g, o);

        var y = new float[g.N * o * g.L];
        Conv2dReference.Forward<float>(x, w, bias, y, g, o, 1);
        var (ep, ew) = PlainReluPool(y, g.N * o, g.Oh, g.Ow);
        AssertBits(ep, pooled, "pooled");
        Assert.Equal(ew, winners);

        // The winner byte's meaning, checked on its own: the first cell in scan order equal to the window's max.
        int ph = g.Oh / 2, pw = g.Ow / 2;
        for (int i = 0; i < pooled.Length; i++)
        {
            if (winners[i] == Conv2dDirect.NoWinner)
            {
                Assert.Equal(0, BitConverter.SingleToInt32Bits(pooled[i]));
                continue;
            }

            int plane = i / (ph * pw), py = i / pw % ph, px = i % pw;
            float[] cells = Window(y, plane, py, px, g.Oh, g.Ow);
            Assert.True(pooled[i] > 0);
            Assert.Equal(Array.IndexOf(cells, cells.Max()), winners[i]);
        }
    }

    [Theory]
    [InlineData(1, 5, 5)]
    [InlineData(3, 2, 2)]
    [InlineData(7, 9, 11)]
    [InlineData(9, 28, 28)]
    [InlineData(5, 14, 33)]
    [InlineData(2, 3, 129)]
    [InlineData(64, 28, 29)]
    public unsafe void ExpandPooledGradMatchesAPlainLoop(int planes, int h, int w)
    {
        // Any winner bytes (0..3 and NoWinner) and gradient; dy starts NaN so a cell left unwritten shows.
        // 64 x 28 x 29 takes the parallel split.
        var rng = new Random((planes * 7) + h + w);
        int ph = h / 2, pw = w / 2;
        var g = new float[planes * ph * pw];
        var winners = new byte[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = (float)((rng.NextDouble() * 2) - 1);
            winners[i] = (byte)rng.Next(0, Conv2dDirect.NoWinner + 1);
        }

        var dy = new float[planes * h * w];
        Array.Fill(dy, float.NaN);
        fixed (float* pg = g, pd = dy)
        fixed (byte* pwn = winners)
        {
            Conv2dDirect.ExpandPooledGrad(pg, pwn, pd, planes, h, w);
        }

        AssertBits(Expand(g, winners, planes, h, w), dy, "dy");
    }

    // (N, C, H, W, O, kernel, padding, wants dx, has bias): 3x3 "same" with dx (Backward3x3 on pooled planes),
    // 3x3 without dx at padding 1 and 0 (WeightGrad3x3), and the cases that must decline.
    public static TheoryData<int[]> BackwardCases => new()
    {
        new[] { 1, 1, 5, 5, 1, 3, 1, 1, 1 },
        new[] { 7, 3, 9, 11, 9, 3, 1, 1, 1 },
        new[] { 1, 17, 13, 14, 17, 3, 1, 1, 0 },
        new[] { 2, 32, 14, 14, 64, 3, 1, 1, 1 },
        new[] { 2, 3, 63, 17, 8, 3, 1, 1, 1 },
        new[] { 7, 1, 28, 28, 32, 3, 1, 0, 1 },
        new[] { 1, 17, 11, 11, 9, 3, 1, 0, 0 },
        new[] { 1, 3, 17, 33, 3, 3, 0, 0, 1 },
        new[] { 7, 2, 7, 9, 5, 3, 0, 0, 1 },
        new[] { 3, 2, 9, 9, 3, 3, 0, 1, 1 },
        new[] { 3, 5, 11, 23, 9, 5, 2, 1, 1 },
        new[] { 3, 5, 11, 23, 9, 5, 2, 0, 1 },
        new[] { 7, 4, 12, 35, 3, 1, 0, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(BackwardCases))]
    public unsafe void TryBackwardFromPooledMatchesTheReferenceOnTheExpandedGradient(int[] s)
    {
        var (geo, o) = Geometry(s);
        if (!Conv2dDirect.Suits(geo, 1) || !Conv2dDirect.SuitsReluPool)
        {
            Assert.False(Avx512F.IsSupported && Avx512BW.VL.IsSupported);
            return;
        }

        bool wantDx = s[7] == 1, hasBias = s[8] == 1;
        bool pooledPath = geo.Kh == 3 && geo.Kw == 3 && (!wantDx || geo.Ph == 1);
        var rng = new Random((geo.N * 11) + o);
        int xLength = geo.N * geo.C * geo.H * geo.W, wLength = o * geo.C * geo.Kh * geo.Kw, at = 4;
        int ph = geo.Oh / 2, pw = geo.Ow / 2, planes = geo.N * o;
        float[] x = Filled(rng, xLength, at), w = Filled(rng, wLength, at);
        var g = new float[planes * ph * pw];
        var winners = new byte[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = (float)((rng.NextDouble() * 2) - 1);
            winners[i] = (byte)rng.Next(0, Conv2dDirect.NoWinner + 1);
        }

        float[]? dx = wantDx ? Nans(xLength) : null, db = hasBias ? Nans(o) : null;
        float[] dw = Nans(wLength);
        bool took;
        fixed (float* pg = g)
        fixed (byte* pwn = winners)
        {
            took = Conv2dDirect.TryBackwardFromPooled(x, at, w, at, pg, pwn, dx, dw, db, geo, o);
        }

        Assert.Equal(pooledPath, took);
        if (!took) return;

        // The float64 reference on the gradient expanded by the plain loop.
        var dy = Expand(g, winners, planes, geo.Oh, geo.Ow);
        double[] rdx = new double[xLength], rdw = new double[wLength], rdb = new double[o];
        Conv2dReference.Backward<double>(Wide(x, at, xLength), Wide(w, at, wLength), Array.ConvertAll(dy, v => (double)v), rdx, rdw, rdb, geo, o, 1);
        if (dx is not null) AssertClose(rdx, dx, o * geo.Kh * geo.Kw, "dx");
        AssertClose(rdw, dw, geo.N * geo.L, "dw");
        if (db is not null) AssertClose(rdb, db, geo.N * geo.L, "db");

        // The same kernel on the dense expanded gradient gives dx and dW bit for bit (db up to its summing order).
        float[] dx2 = Nans(xLength), dw2 = Nans(wLength), db2 = Nans(o);
        if (wantDx) Conv2dDirect.Backward3x3(x, at, w, at, dy, 0, dx2, dw2, db2, geo, o);
        else Conv2dDirect.WeightGrad3x3(x, at, dy, 0, dw2, db2, geo, o);
        if (dx is not null) AssertBits(dx2, dx, "dx against the dense backward");
        AssertBits(dw2, dw, "dw against the dense backward");
    }

    private static (Im2ColGeometry G, int O) Geometry(int[] s) => (new Im2ColGeometry(s[0], s[1], s[2], s[3], s[5], s[5], 1, 1, s[6], s[6], 1, 1), s[4]);

    private static unsafe (float[] Pooled, byte[] Winners) Fused(float[] x, int xo, float[] w, int wo, float[] bias, int bo, Im2ColGeometry g, int o)
    {
        // Poisoned outputs: NaN values and out-of-range winner bytes where the kernel forgets a cell.
        var pooled = Nans(g.N * o * (g.Oh / 2) * (g.Ow / 2));
        var winners = new byte[pooled.Length];
        Array.Fill(winners, (byte)0xEE);
        fixed (float* pp = pooled)
        fixed (byte* pwn = winners)
        {
            Conv2dDirect.ForwardReluPool2x2(x, xo, w, wo, bias, bo, pp, pwn, g, o);
        }

        return (pooled, winners);
    }

    // ReLU then a 2x2 / stride 2 max pool of planes (oh, ow), in the plain words of the two ops: a cell replaces
    // the running max only when strictly greater or NaN (the first max wins, NaN wins and stays), relu(max) = max
    // where it is > 0 or NaN, else +0; the winner is the cell that max came from, NoWinner where it is not > 0.
    private static (float[] Pooled, byte[] Winners) PlainReluPool(float[] y, int planes, int oh, int ow)
    {
        int ph = oh / 2, pw = ow / 2;
        var pooled = new float[planes * ph * pw];
        var winners = new byte[pooled.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int py = 0; py < ph; py++)
            {
                for (int px = 0; px < pw; px++)
                {
                    float[] cells = Window(y, p, py, px, oh, ow);
                    int best = 0;
                    for (int i = 1; i < 4; i++)
                    {
                        if (!float.IsNaN(cells[best]) && (float.IsNaN(cells[i]) || cells[i] > cells[best])) best = i;
                    }

                    float m = cells[best];
                    int at = (p * ph * pw) + (py * pw) + px;
                    pooled[at] = float.IsNaN(m) || m > 0 ? m : 0f;
                    winners[at] = m > 0 ? (byte)best : Conv2dDirect.NoWinner;
                }
            }
        }

        return (pooled, winners);
    }

    // A window's four cells in scan order: top left, top right, bottom left, bottom right.
    private static float[] Window(float[] y, int plane, int py, int px, int oh, int ow)
    {
        int top = (plane * oh * ow) + (2 * py * ow) + (2 * px);
        return [y[top], y[top + 1], y[top + ow], y[top + ow + 1]];
    }

    // dy of planes (h, w) from the pooled gradient: g at each window's winner cell, 0 everywhere else.
    private static float[] Expand(float[] g, byte[] winners, int planes, int h, int w)
    {
        int ph = h / 2, pw = w / 2;
        var dy = new float[planes * h * w];
        for (int p = 0; p < planes; p++)
        {
            for (int py = 0; py < ph; py++)
            {
                for (int px = 0; px < pw; px++)
                {
                    int at = (p * ph * pw) + (py * pw) + px;
                    if (winners[at] == Conv2dDirect.NoWinner) continue;
                    dy[(p * h * w) + (((2 * py) + (winners[at] / 2)) * w) + (2 * px) + (winners[at] % 2)] = g[at];
                }
            }
        }

        return dy;
    }



    private static double[] Wide(float[] a, int at, int length) => Array.ConvertAll(a[at..(at + length)], v => (double)v);

    // Equal bit patterns (so +0 and -0 differ), except that any NaN equals any NaN.
    private static void AssertBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i]) ? float.IsNaN(actual[i]) : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            if (!same) Assert.Fail($"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    // As in Conv2dDirectTests: float32 kernels against a float64 reference, a sum of `terms` products of values in
    // [-1, 1] carries a rounding error that grows about with its square root.
    private static void AssertClose(double[] expected, float[] actual, int terms, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = (1e-5 * Math.Sqrt(terms)) + (1e-5 * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
