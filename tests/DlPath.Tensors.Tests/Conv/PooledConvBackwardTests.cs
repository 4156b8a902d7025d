using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// <see cref="PooledConvBackward"/> (the fused conv + ReLU + 2x2 pool block's backward over the windows' winners)
/// against its plain twin <see cref="Conv2dReference.BackwardFromPooled{T}"/> in float64, and, on small integers
/// (where every sum is exact), bit for bit against the dense backward on the expanded gradient. Channel counts off
/// the vector width (and over two vectors), odd sizes, kernels 1, 3 and 5, padding 0 to 2, random winners with
/// windows that pass nothing. The kernel needs AVX-512; elsewhere the tests check that it declines.
/// </summary>
public class PooledConvBackwardTests
{
    // (N, C, H, W, O, kernel, padding).
    public static TheoryData<int[]> Shapes => new()
    {
        new[] { 1, 8, 2, 2, 1, 3, 1 },
        new[] { 3, 17, 9, 11, 9, 3, 1 },
        new[] { 2, 32, 14, 14, 64, 3, 1 },
        new[] { 2, 33, 13, 14, 17, 3, 1 },
        new[] { 5, 48, 10, 10, 16, 3, 1 },
        new[] { 7, 9, 17, 33, 3, 3, 0 },
        new[] { 3, 16, 11, 23, 9, 5, 2 },
        new[] { 2, 8, 12, 35, 3, 1, 0 },
        new[] { 1, 64, 7, 129, 5, 3, 1 },
        new[] { 1, 63, 6, 6, 2, 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_the_plain_twin_within_rounding(int[] s)
    {
        var (g, o) = Geometry(s);
        if (!Available(g)) return;

        var rng = new Random((g.N * 131) + (g.C * 7) + o);
        var (x, w, grad, winners) = Inputs(rng, g, o, integers: false);
        var (dx, dw, db) = Fast(x, w, grad, winners, g, o, wantX: true, wantW: true, wantB: true);

        // Reference sums and the sums of the terms' magnitudes, which bound the rounding of any order of summing.
        var (rx, rw, rb) = Reference(x, w, grad, winners, g, o, abs: false);
        var (ax, aw, ab) = Reference(x, w, grad, winners, g, o, abs: true);
        AssertClose(rx, ax, dx!, "dx");
        AssertClose(rw, aw, dw!, "dW");
        AssertClose(rb, ab, db!, "db");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Equals_the_dense_backward_bit_for_bit_where_every_sum_is_exact(int[] s)
    {
        var (g, o) = Geometry(s);
        if (!Available(g)) return;

        // Integers in -3..3 (gradients, inputs, weights): every product and partial sum is an exact float, so any
        // order of summing gives the same bits, and so must the dense backward's, zeros and all.
        var rng = new Random((g.N * 17) + g.C + o);
        var (x, w, grad, winners) = Inputs(rng, g, o, integers: true);
        var (dx, dw, db) = Fast(x, w, grad, winners, g, o, wantX: true, wantW: true, wantB: true);

        var dy = ExpandDense(grad, winners, g, o);
        float[] ex = new float[x.Length], ew = new float[w.Length], eb = new float[o];
        Conv2dReference.Backward<float>(x, w, dy, ex, ew, eb, g, o, 1);
        Assert.Equal(ex, dx);
        Assert.Equal(ew, dw);
        Assert.Equal(eb, db);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void Writes_only_the_gradients_asked_for(bool wantX, bool wantW, bool wantB)
    {
        var g = new Im2ColGeometry(3, 17, 9, 10, 3, 3, 1, 1, 1, 1, 1, 1);
        const int o = 5;
        if (!Available(g)) return;

        var (x, w, grad, winners) = Inputs(new Random(9), g, o, integers: true);
        var all = Fast(x, w, grad, winners, g, o, wantX: true, wantW: true, wantB: true);
        var some = Fast(x, w, grad, winners, g, o, wantX, wantW, wantB);
        Assert.Equal(wantX ? all.Dx : null, some.Dx);
        Assert.Equal(wantW ? all.Dw : null, some.Dw);
        Assert.Equal(wantB ? all.Db : null, some.Db);
    }

    [Fact]
    public void A_window_without_a_winner_passes_nothing_even_a_NaN_or_an_infinity()
    {
        var g = new Im2ColGeometry(2, 16, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1);
        const int o = 4;
        if (!Available(g)) return;

        var (x, w, grad, winners) = Inputs(new Random(3), g, o, integers: true);
        var clean = Fast(x, w, grad, winners, g, o, true, true, true);

        // The pooled gradient of a window that passed nothing is not read: garbage there changes nothing.
        var dirty = (float[])grad.Clone();
        for (int i = 0; i < winners.Length; i++)
        {
            if (winners[i] == Conv2dDirect.NoWinner) dirty[i] = i % 3 == 0 ? float.NaN : i % 3 == 1 ? float.PositiveInfinity : 1e30f;
        }

        Assert.Contains(winners, b => b == Conv2dDirect.NoWinner);
        var same = Fast(x, w, dirty, winners, g, o, true, true, true);
        Assert.Equal(clean.Dx, same.Dx);
        Assert.Equal(clean.Dw, same.Dw);
        Assert.Equal(clean.Db, same.Db);
    }

    [Fact]
    public void An_infinite_input_outside_every_winning_patch_leaves_the_weight_gradient_finite()
    {
        // A 4x4 input, a 3x3 kernel without padding: one window, every channel's winner top left, whose patch does not
        // reach the input's bottom-right corner. The dense backward multiplies that corner by the zeros of dy (NaN);
        // the exact dW is finite.
        var g = new Im2ColGeometry(1, 8, 4, 4, 3, 3, 1, 1, 0, 0, 1, 1);
        const int o = 2;
        if (!Available(g)) return;

        var x = new float[g.C * 16];
        for (int i = 0; i < x.Length; i++) x[i] = (i % 5) - 2;
        for (int c = 0; c < g.C; c++) x[(c * 16) + 15] = float.PositiveInfinity;
        var w = new float[o * g.C * 9];
        for (int i = 0; i < w.Length; i++) w[i] = (i % 3) - 1;
        float[] grad = [1.5f, -2f];
        byte[] winners = [0, 0];
        var (dx, dw, db) = Fast(x, w, grad, winners, g, o, true, true, true);
        Assert.All(dw!, v => Assert.True(float.IsFinite(v)));
        Assert.All(dx!, v => Assert.True(float.IsFinite(v)));
        Assert.Equal([1.5f, -2f], db!);

        var (rx, rw, rb) = Reference(x, w, grad, winners, g, o, abs: false);
        Assert.Equal(rw.Select(v => (float)v), dw);
        Assert.Equal(rx.Select(v => (float)v), dx);
    }

    [Fact]
    public void A_call_after_one_full_of_NaN_is_unaffected()
    {
        // The channel-last planes are scratch kept from call to call; NaN left in them must not leak into the next.
        var g = new Im2ColGeometry(4, 32, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1);
        const int o = 8;
        if (!Available(g)) return;

        var (x, w, grad, winners) = Inputs(new Random(5), g, o, integers: true);
        var expected = Fast(x, w, grad, winners, g, o, true, true, true);

        var nanX = Enumerable.Repeat(float.NaN, x.Length).ToArray();
        var nanGrad = Enumerable.Repeat(float.NaN, grad.Length).ToArray();
        var poisoned = Fast(nanX, w, nanGrad, winners, g, o, true, true, true);
        Assert.Contains(poisoned.Dx!, float.IsNaN);

        var again = Fast(x, w, grad, winners, g, o, true, true, true);
        Assert.Equal(expected.Dx, again.Dx);
        Assert.Equal(expected.Dw, again.Dw);
        Assert.Equal(expected.Db, again.Db);
    }

    [Theory]
    [InlineData(1, 1, 1, 8, 1, 3, true)]
    [InlineData(2, 1, 1, 8, 1, 3, false)] // stride 2
    [InlineData(1, 2, 1, 8, 1, 3, false)] // dilation 2
    [InlineData(1, 1, 2, 8, 1, 3, false)] // two groups
    [InlineData(1, 1, 1, 7, 1, 3, false)] // too few channels to fill a vector
    [InlineData(1, 1, 1, 8, 3, 3, false)] // padding as wide as the kernel
    [InlineData(1, 1, 1, 64, 2, 5, true)]
    public void Suits_stride_1_undilated_single_group_layers_with_8_channels_or_more(int stride, int dilation, int groups, int channels, int padding, int kernel, bool expected)
    {
        var g = new Im2ColGeometry(2, channels, 12, 12, kernel, kernel, stride, stride, padding, padding, dilation, dilation);
        Assert.Equal(expected && Avx512F.IsSupported, PooledConvBackward.Suits(g, groups));
    }

    private static bool Available(Im2ColGeometry g)
    {
        if (PooledConvBackward.Suits(g, 1)) return true;
        Assert.False(Avx512F.IsSupported, "the kernel should take this geometry on an AVX-512 CPU");
        return false;
    }

    private static (Im2ColGeometry G, int O) Geometry(int[] s) => (new Im2ColGeometry(s[0], s[1], s[2], s[3], s[5], s[5], 1, 1, s[6], s[6], 1, 1), s[4]);

    // Inputs, weights, a pooled gradient and winners: 0..3 at random, and no winner in about a fifth of the windows.
    private static (float[] X, float[] W, float[] Grad, byte[] Winners) Inputs(Random rng, Im2ColGeometry g, int o, bool integers)
    {
        float Next() => integers ? rng.Next(-3, 4) : (float)((rng.NextDouble() * 2) - 1);
        int cells = g.N * o * (g.Oh / 2) * (g.Ow / 2);
        var x = new float[g.N * g.C * g.H * g.W];
        var w = new float[o * g.C * g.Kh * g.Kw];
        var grad = new float[cells];
        var winners = new byte[cells];
        for (int i = 0; i < x.Length; i++) x[i] = Next();
        for (int i = 0; i < w.Length; i++) w[i] = Next();
        for (int i = 0; i < cells; i++)
        {
            grad[i] = Next();
            winners[i] = rng.Next(5) == 0 ? Conv2dDirect.NoWinner : (byte)rng.Next(4);
        }

        return (x, w, grad, winners);
    }

    private static unsafe (float[]? Dx, float[]? Dw, float[]? Db) Fast(float[] x, float[] w, float[] grad, byte[] winners, Im2ColGeometry g, int o, bool wantX, bool wantW, bool wantB)
    {
        // Outputs filled with garbage first: the kernel must overwrite every element.
        float[]? dx = wantX ? Enumerable.Repeat(float.NaN, x.Length).ToArray() : null;
        float[]? dw = wantW ? Enumerable.Repeat(float.NaN, w.Length).ToArray() : null;
        float[]? db = wantB ? Enumerable.Repeat(float.NaN, o).ToArray() : null;
        fixed (float* pg = grad)
        fixed (byte* pw = winners)
        {
            PooledConvBackward.Backward(x, 0, w, 0, pg, pw, dx, dw, db, g, o);
        }

        return (dx, dw, db);
    }

    private static (double[] Dx, double[] Dw, double[] Db) Reference(float[] x, float[] w, float[] grad, byte[] winners, Im2ColGeometry g, int o, bool abs)
    {
        double[] Widen(float[] a) => a.Select(v => abs ? Math.Abs((double)v) : v).ToArray();
        double[] dx = new double[x.Length], dw = new double[w.Length], db = new double[o];
        Conv2dReference.BackwardFromPooled<double>(Widen(x), Widen(w), Widen(grad), winners, dx, dw, db, g, o);
        return (dx, dw, db);
    }

    // dy (N, O, Oh, Ow): the pooled gradient at each window's winner, zero elsewhere.
    private static float[] ExpandDense(float[] grad, byte[] winners, Im2ColGeometry g, int o)
    {
        int ph = g.Oh / 2, pw = g.Ow / 2;
        var dy = new float[g.N * o * g.L];
        for (int plane = 0; plane < g.N * o; plane++)
        {
            for (int py = 0; py < ph; py++)
            {
                for (int px = 0; px < pw; px++)
                {
                    int cell = (((plane * ph) + py) * pw) + px, b = winners[cell];
                    if (b > 3) continue;
                    dy[(plane * g.L) + ((((2 * py) + (b / 2)) * g.Ow) + (2 * px) + (b % 2))] = grad[cell];
                }
            }
        }

        return dy;
    }

    private static void AssertClose(double[] expected, double[] magnitude, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = (2e-6 * magnitude[i]) + 1e-30;
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{what}[{i}]: {actual[i]} against {expected[i]} (sum of |terms| {magnitude[i]})");
        }
    }
}
