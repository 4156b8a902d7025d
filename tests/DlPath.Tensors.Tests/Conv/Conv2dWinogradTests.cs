using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;
using static DlPath.Tensors.Tests.Conv.ConvTestData;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// The Winograd F(2x2, 3x3) conv + bias + ReLU + 2x2 max pool forward (<see cref="Conv2dWinograd.ForwardReluPool2x2"/>)
/// against its plain-loop twin (bit for bit: same products, same order), against the float64 convolution pooled the
/// same way (within rounding, winners by a rule that tolerates rounding), and against the direct kernel
/// (<see cref="Conv2dDirect.ForwardReluPool2x2"/>): within rounding on random data, bit for bit with small integers
/// (every transform exact), including ties, windows that are all negative, signed zeros and NaN. Infinite inputs are
/// where the two may differ: checked as documented. The kernel needs AVX-512; elsewhere these tests only check that
/// it declines.
/// </summary>
public class Conv2dWinogradTests
{
    private static readonly bool Avx512 = Avx512F.IsSupported && Avx512BW.VL.IsSupported;

    // (N, C, O, H, W, bias): every N in {1, 2, 3}, C in {8, 9, 17, 32, 33}, O in {16, 32, 64} and H x W in {2x2, 4x6,
    // 14x14, 28x28, 10x18}, with and without bias: tiles per sample below, at and above a vector of 16, one or two tile
    // rows per vector. The kernel takes tiles in blocks of 192: 28x28 from N = 1, and the next three shapes, have
    // blocks that start inside a sample (inside a tile row, on an even and an odd tile row of 7-tile pairs). The last
    // two have rows of more than 16 tiles (35 and 18), taken in several vectors.
    public static TheoryData<int, int, int, int, int, bool> Shapes => new()
    {
        { 1, 8, 16, 2, 2, true },
        { 3, 33, 64, 2, 2, false },
        { 2, 9, 16, 4, 6, true },
        { 3, 17, 32, 4, 6, false },
        { 1, 32, 64, 14, 14, true },
        { 3, 32, 64, 14, 14, true },
        { 2, 8, 32, 14, 14, false },
        { 3, 9, 16, 14, 14, true },
        { 1, 17, 16, 28, 28, true },
        { 2, 33, 32, 28, 28, false },
        { 1, 9, 64, 28, 28, true },
        { 2, 33, 16, 10, 18, true },
        { 3, 8, 64, 10, 18, false },
        { 1, 32, 32, 10, 18, true },
        { 5, 32, 64, 14, 14, true },
        { 8, 16, 32, 14, 14, false },
        { 7, 9, 16, 10, 18, true },
        { 1, 8, 16, 6, 70, true },
        { 2, 9, 32, 34, 36, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Random_data_matches_the_twin_bit_for_bit_and_float64_within_rounding(int n, int c, int o, int h, int w, bool hasBias)
    {
        var g = Geometry(n, c, h, w);
        if (!RunsHere(g, o)) return;

        // Values in [-1, 1] at an offset inside NaN-filled arrays: a read outside the operands shows up as NaN.
        var rng = new Random((n * 1000) + (c * 100) + o + h + w);
        int xLength = n * c * h * w, wLength = o * c * 9, at = 3;
        float[] x = Filled(rng, xLength, at), wt = Filled(rng, wLength, at), bias = Filled(rng, o, at);
        var (pooled, winners) = Winograd(x, at, wt, at, hasBias ? bias : null, at, g, o);

        var (rp, rw) = Twin(x[at..(at + xLength)], wt[at..(at + wLength)], hasBias ? bias[at..(at + o)] : null, g, o);
        AssertBits(rp, pooled, "pooled against the twin");
        Assert.Equal(rw, winners);

        // The float64 convolution and, per output, the sum of the magnitudes of its terms (the scale of its rounding).
        var (y64, scale) = Float64(x, at, wt, at, hasBias ? bias : null, at, g, o);
        AssertWithinRounding(y64, scale, pooled, winners, g, o, 1e-5);

        // The direct kernel rounds differently: both within rounding of float64, so within twice that of each other.
        var (dp, _) = Direct(x, at, wt, at, hasBias ? bias : null, at, g, o);
        for (int i = 0; i < pooled.Length; i++)
        {
            double tol = 2e-5 * WindowScale(scale, g, o, i);
            Assert.True(Math.Abs(dp[i] - pooled[i]) <= tol, $"pooled[{i}]: direct {dp[i]}, winograd {pooled[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Small_integers_match_the_direct_kernel_bit_for_bit(int n, int c, int o, int h, int w, bool hasBias)
    {
        var g = Geometry(n, c, h, w);
        if (!RunsHere(g, o)) return;

        // Integers in -3..3 (the kernel's quarters of them stay exact): every window holds ties, many are all negative
        // or zero, and some inputs are -0 or NaN. Pooled values and winner bytes equal the direct kernel's.
        var rng = new Random((n * 7) + (c * 11) + (o * 13) + h + w);
        int xLength = n * c * h * w;
        float[] x = Ints(rng, xLength, 3), wt = Ints(rng, o * c * 9, 3), bias = Ints(rng, o, 3);
        for (int i = 5; i < xLength; i += 13) x[i] = -0f;
        bool nans = xLength > 64; // a smaller input is one tile deep: a NaN would reach every output
        if (nans)
        {
            for (int i = 17; i < xLength; i += 211) x[i] = float.NaN;
        }

        float[]? b = hasBias ? bias : null;
        var (pooled, winners) = Winograd(x, 0, wt, 0, b, 0, g, o);
        var (dp, dw) = Direct(x, 0, wt, 0, b, 0, g, o);
        AssertBits(dp, pooled, "pooled against the direct kernel");
        Assert.Equal(dw, winners);
        Assert.Equal(nans, pooled.Any(float.IsNaN));
        Assert.Contains(winners, v => v == Conv2dDirect.NoWinner);
        Assert.Contains(winners, v => v != Conv2dDirect.NoWinner);

        var (rp, rw) = Twin(x, wt, b, g, o);
        AssertBits(rp, pooled, "pooled against the twin");
        Assert.Equal(rw, winners);
    }

    [Fact]
    public void Ties_all_negative_windows_and_signed_zeros_match_the_direct_kernel()
    {
        var g = Geometry(2, 8, 6, 8);
        const int O = 16;
        if (!RunsHere(g, O)) return;

        // Zero weights: every output is its channel's bias, a four-way tie in every window (the first cell wins), and
        // the non-positive biases (-0 among them) leave no winner. Then +-0 inputs with any weights: all outputs zero.
        var x = Ints(new Random(1), 2 * 8 * 6 * 8, 3);
        var zero = new float[O * 8 * 9];
        float[] bias = [1, -1, 0, 2, -0f, 0.5f, -2, 3, 1, -0f, 0, 4, -3, 0.25f, 2, -1];
        var (pooled, winners) = Winograd(x, 0, zero, 0, bias, 0, g, O);
        var (dp, dw) = Direct(x, 0, zero, 0, bias, 0, g, O);
        AssertBits(dp, pooled, "pooled, zero weights");
        Assert.Equal(dw, winners);
        for (int i = 0; i < winners.Length; i++) Assert.Equal(bias[i / 12 % O] > 0 ? 0 : Conv2dDirect.NoWinner, winners[i]);

        var zeros = new float[x.Length];
        for (int i = 0; i < zeros.Length; i++) zeros[i] = i % 3 == 0 ? 0f : -0f;
        var w = Ints(new Random(2), O * 8 * 9, 3);
        float[] signedZeros = [0, -0f, 0, -0f, -0f, 0, -0f, -0f, 0, 0, -0f, 0, -0f, 0, 0, -0f];
        (pooled, winners) = Winograd(zeros, 0, w, 0, signedZeros, 0, g, O);
        (dp, dw) = Direct(zeros, 0, w, 0, signedZeros, 0, g, O);
        AssertBits(dp, pooled, "pooled, signed zeros");
        Assert.Equal(dw, winners);
        Assert.All(pooled, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.All(winners, v => Assert.Equal(Conv2dDirect.NoWinner, v));
    }

    [Fact]
    public void Infinite_inputs_give_the_direct_result_or_NaN_where_the_transforms_subtract_infinities()
    {
        var g = Geometry(2, 9, 14, 14);
        const int O = 16;
        if (!RunsHere(g, O)) return;

        // Small integers with a few infinities of both signs. A window whose 4x4 input patch holds no infinity is the
        // direct kernel's bit for bit. One whose patch holds one is too, or NaN with no winner: the transforms add and
        // subtract patch values (Inf - Inf) where the direct 3x3 sums take each input once.
        var rng = new Random(3);
        int xLength = 2 * 9 * 14 * 14;
        float[] x = Ints(rng, xLength, 3), wt = Ints(rng, O * 9 * 9, 3), bias = Ints(rng, O, 3);
        for (int i = 40, k = 0; i < xLength; i += 173, k++) x[i] = k % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity;
        var (pooled, winners) = Winograd(x, 0, wt, 0, bias, 0, g, O);
        var (dp, dw) = Direct(x, 0, wt, 0, bias, 0, g, O);
        int infinite = 0;
        for (int i = 0; i < pooled.Length; i++)
        {
            bool same = SameBits(dp[i], pooled[i]) && dw[i] == winners[i];
            bool patchInfinite = PatchHoldsInfinity(x, g, O, i);
            if (patchInfinite) infinite++;
            if (same) continue;
            Assert.True(patchInfinite, $"pooled[{i}]: direct {dp[i]} ({dw[i]}), winograd {pooled[i]} ({winners[i]}) with a finite patch");
            Assert.True(float.IsNaN(pooled[i]) && winners[i] == Conv2dDirect.NoWinner, $"pooled[{i}]: direct {dp[i]}, winograd {pooled[i]} ({winners[i]})");
        }

        Assert.True(infinite > 0);

        // The difference itself: all weights 1 and one +Inf pixel inside a patch. The direct sums are +Inf; the input
        // transform makes +Inf and -Inf (d1 + d2 and d2 - d1) which the output transform adds: NaN.
        var ones = Enumerable.Repeat(1f, O * 9 * 9).ToArray();
        var one = Geometry(1, 9, 4, 4);
        var xi = new float[9 * 4 * 4];
        xi[5] = float.PositiveInfinity; // channel 0, row 1, column 1
        (pooled, winners) = Winograd(xi, 0, ones, 0, null, 0, one, O);
        (dp, dw) = Direct(xi, 0, ones, 0, null, 0, one, O);
        Assert.Equal(float.PositiveInfinity, dp[0]);
        Assert.Equal(0, dw[0]);
        Assert.True(float.IsNaN(pooled[0]));
        Assert.Equal(Conv2dDirect.NoWinner, winners[0]);
    }

    [Fact]
    public void A_call_after_one_full_of_NaN_is_unaffected()
    {
        // The scratch (transformed weights, V, M) is reused from call to call; nothing of a NaN call may stay in it.
        var g = Geometry(3, 32, 14, 14);
        const int O = 64;
        if (!RunsHere(g, O)) return;
        int xLength = 3 * 32 * 14 * 14;
        var rng = new Random(4);
        float[] x = Filled(rng, xLength, 0), wt = Filled(rng, O * 32 * 9, 0), bias = Filled(rng, O, 0);
        var (expected, expectedWinners) = Twin(x, wt, bias, g, O);

        var nanX = Enumerable.Repeat(float.NaN, xLength).ToArray();
        var nanW = Enumerable.Repeat(float.NaN, wt.Length).ToArray();
        var (poisoned, _) = Winograd(nanX, 0, nanW, 0, Enumerable.Repeat(float.NaN, O).ToArray(), 0, g, O);
        Assert.All(poisoned, v => Assert.True(float.IsNaN(v)));

        var (pooled, winners) = Winograd(x, 0, wt, 0, bias, 0, g, O);
        AssertBits(expected, pooled, "pooled after a NaN call");
        Assert.Equal(expectedWinners, winners);
    }

    [Theory]
    [InlineData(128, 32, 14, 14, 64, 3, 1, 1, 1, true)]
    [InlineData(1, 8, 2, 2, 16, 3, 1, 1, 1, true)]
    [InlineData(2, 33, 10, 18, 48, 3, 1, 1, 1, true)]
    [InlineData(128, 1, 28, 28, 32, 3, 1, 1, 1, false)] // the first layer: one input channel
    [InlineData(2, 7, 14, 14, 64, 3, 1, 1, 1, false)]
    [InlineData(2, 32, 14, 14, 8, 3, 1, 1, 1, false)]
    [InlineData(2, 32, 14, 14, 24, 3, 1, 1, 1, false)]
    [InlineData(2, 32, 13, 14, 64, 3, 1, 1, 1, false)] // odd height: a last row no window takes
    [InlineData(2, 32, 14, 15, 64, 3, 1, 1, 1, false)]
    [InlineData(2, 32, 14, 14, 64, 3, 0, 1, 1, false)] // padding 0
    [InlineData(2, 32, 14, 14, 64, 5, 2, 1, 1, false)]
    [InlineData(2, 32, 14, 14, 64, 1, 0, 1, 1, false)]
    [InlineData(2, 32, 14, 14, 64, 3, 1, 2, 1, false)] // stride 2
    [InlineData(2, 32, 14, 14, 64, 3, 2, 1, 2, false)] // dilation 2
    [InlineData(0, 32, 14, 14, 64, 3, 1, 1, 1, false)]
    public void Suits_takes_the_3x3_same_layers_it_is_for(int n, int c, int h, int w, int o, int k, int pad, int stride, int dilation, bool expected)
    {
        var g = new Im2ColGeometry(n, c, h, w, k, k, stride, stride, pad, pad, dilation, dilation);
        Assert.Equal(Avx512 && expected, Conv2dWinograd.Suits(g, 1, o));
        Assert.False(Conv2dWinograd.Suits(g, 2, o));
    }

    private static Im2ColGeometry Geometry(int n, int c, int h, int w) => new(n, c, h, w, 3, 3, 1, 1, 1, 1, 1, 1);

    private static bool RunsHere(Im2ColGeometry g, int o)
    {
        bool suits = Conv2dWinograd.Suits(g, 1, o);
        Assert.Equal(Avx512, suits);
        return suits;
    }

    private static unsafe (float[] Pooled, byte[] Winners) Winograd(float[] x, int xo, float[] w, int wo, float[]? bias, int bo, Im2ColGeometry g, int o)
    {
        // Poisoned outputs: NaN values and out-of-range winner bytes where the kernel forgets a cell.
        var (pooled, winners) = Poisoned(g, o);
        fixed (float* pp = pooled)
        fixed (byte* pw = winners)
        {
            Conv2dWinograd.ForwardReluPool2x2(x, xo, w, wo, bias, bo, pp, pw, g, o);
        }

        Assert.DoesNotContain(winners, v => v > Conv2dDirect.NoWinner);
        return (pooled, winners);
    }

    private static unsafe (float[] Pooled, byte[] Winners) Direct(float[] x, int xo, float[] w, int wo, float[]? bias, int bo, Im2ColGeometry g, int o)
    {
        var (pooled, winners) = Poisoned(g, o);
        fixed (float* pp = pooled)
        fixed (byte* pw = winners)
        {
            Conv2dDirect.ForwardReluPool2x2(x, xo, w, wo, bias, bo, pp, pw, g, o);
        }

        return (pooled, winners);
    }

    private static (float[] Pooled, byte[] Winners) Twin(float[] x, float[] w, float[]? bias, Im2ColGeometry g, int o)
    {
        var (pooled, winners) = Poisoned(g, o);
        Conv2dWinograd.ReferenceReluPool2x2(x, w, bias, pooled, winners, g, o);
        return (pooled, winners);
    }

    private static (float[] Pooled, byte[] Winners) Poisoned(Im2ColGeometry g, int o)
    {
        var pooled = new float[g.N * o * (g.H / 2) * (g.W / 2)];
        Array.Fill(pooled, float.NaN);
        var winners = new byte[pooled.Length];
        Array.Fill(winners, (byte)0xEE);
        return (pooled, winners);
    }

    // y (N, O, H, W) in float64 and, per output, the sum of |w x| over its terms plus |bias|.
    private static (double[] Y, double[] Scale) Float64(float[] x, int xo, float[] w, int wo, float[]? bias, int bo, Im2ColGeometry g, int o)
    {
        int xLength = g.N * g.C * g.H * g.W, wLength = o * g.C * 9;
        var y = new double[g.N * o * g.H * g.W];
        var scale = new double[y.Length];
        double[] xs = Wide(x, xo, xLength), ws = Wide(w, wo, wLength), bs = bias is null ? [] : Wide(bias, bo, o);
        Conv2dReference.Forward<double>(xs, ws, bs, y, g, o, 1);
        Conv2dReference.Forward<double>(Array.ConvertAll(xs, Math.Abs), Array.ConvertAll(ws, Math.Abs), Array.ConvertAll(bs, Math.Abs), scale, g, o, 1);
        return (y, scale);
    }

    // Each pooled value within rel * (the window's largest scale) of max(0, the float64 window max). A winner's float64
    // value within twice that of the window's float64 max (both its float32 value and the max are within it), and no
    // winner only where the float64 max is within it of <= 0.
    private static void AssertWithinRounding(double[] y, double[] scale, float[] pooled, byte[] winners, Im2ColGeometry g, int o, double rel)
    {
        for (int i = 0; i < pooled.Length; i++)
        {
            double[] cells = Window(y, g, o, i);
            double max = cells.Max(), tol = rel * WindowScale(scale, g, o, i);
            Assert.True(Math.Abs(Math.Max(0, max) - pooled[i]) <= tol, $"pooled[{i}]: float64 {Math.Max(0, max)}, got {pooled[i]} (tolerance {tol})");
            if (winners[i] == Conv2dDirect.NoWinner) Assert.True(max <= tol, $"winners[{i}]: none, but the float64 max is {max} (tolerance {tol})");
            else Assert.True(cells[winners[i]] >= max - (2 * tol) && max > -tol, $"winners[{i}] = {winners[i]}: cell {cells[winners[i]]}, float64 max {max} (tolerance {tol})");
        }
    }

    private static double WindowScale(double[] scale, Im2ColGeometry g, int o, int i) => Window(scale, g, o, i).Max();

    // Pooled cell i's window of a (N, O, H, W) array, in scan order: top left, top right, bottom left, bottom right.
    private static double[] Window(double[] a, Im2ColGeometry g, int o, int i)
    {
        int ph = g.H / 2, pw = g.W / 2, plane = i / (ph * pw), py = i / pw % ph, px = i % pw;
        int top = (plane * g.H * g.W) + (2 * py * g.W) + (2 * px);
        return [a[top], a[top + 1], a[top + g.W], a[top + g.W + 1]];
    }

    // Whether the 4x4 input patch (rows 2 py - 1 .. 2 py + 2, columns likewise, any channel) of pooled cell i holds an infinity.
    private static bool PatchHoldsInfinity(float[] x, Im2ColGeometry g, int o, int i)
    {
        int ph = g.H / 2, pw = g.W / 2, n = i / (ph * pw) / o, py = i / pw % ph, px = i % pw;
        for (int c = 0; c < g.C; c++)
        {
            for (int iy = (2 * py) - 1; iy <= (2 * py) + 2; iy++)
            {
                for (int ix = (2 * px) - 1; ix <= (2 * px) + 2; ix++)
                {
                    if (iy >= 0 && iy < g.H && ix >= 0 && ix < g.W && float.IsInfinity(x[(((((n * g.C) + c) * g.H) + iy) * g.W) + ix])) return true;
                }
            }
        }

        return false;
    }


    private static double[] Wide(float[] a, int at, int length) => Array.ConvertAll(a[at..(at + length)], v => (double)v);

    private static bool SameBits(float a, float b) => float.IsNaN(a) ? float.IsNaN(b) : BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    // Equal bit patterns (so +0 and -0 differ), except that any NaN equals any NaN.
    private static void AssertBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!SameBits(expected[i], actual[i])) Assert.Fail($"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
