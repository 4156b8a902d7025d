using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Buffers;
using DlPath.Tensors.Kernels;
using DlPath.Tensors.Kernels.Conv;

namespace DlPath.Tensors.Tests.Conv;

/// <summary>
/// <see cref="PaddedScratch"/> hands a padded-plane buffer back uncleared to the next rent of the same layout on the
/// same thread. These tests pin down what that relies on: a buffer is reused only for an equal layout, and a call of a
/// direct kernel after a call that filled the same buffers with NaN (or with more samples) still gives the
/// reference's results, so nothing a kernel reads survives from an earlier call.
/// </summary>
public unsafe class PaddedScratchTests
{
    [Fact]
    public void A_buffer_comes_back_only_for_an_equal_layout_and_new_ones_are_zero()
    {
        var g = new Im2ColGeometry(0, 3, 5, 7, 3, 3, 1, 1, 1, 1, 1, 1);
        var layout = new PaddedLayout(90, g, 4, 100);
        nint first;
        using (var s = PaddedScratch.Rent(layout))
        {
            first = (nint)s.Pointer;
            Assert.Equal(0, first % 64);
            AssertZero(s.Pointer, 100);
            s.Pointer[7] = 42f;
        }

        using (var again = PaddedScratch.Rent(layout))
        {
            Assert.Equal(first, (nint)again.Pointer);
            Assert.Equal(42f, again.Pointer[7]);

            // While one is out, the same layout gets a second, zeroed buffer.
            using var second = PaddedScratch.Rent(layout);
            Assert.NotEqual(first, (nint)second.Pointer);
            AssertZero(second.Pointer, 100);
        }

        foreach (var other in new[] { layout with { Role = 91 }, layout with { OutChannels = 5 }, layout with { Length = 101 }, layout with { Geometry = g with { Ph = 0 } } })
        {
            using var s = PaddedScratch.Rent(other);
            Assert.NotEqual(first, (nint)s.Pointer);
            AssertZero(s.Pointer, other.Length);
        }
    }

    // (C, H, W, O, pad) for 3x3 kernels; padding 0 is where the weight gradient's last loads reach into the next
    // sample's first row, which a longer block of an earlier call had written.
    [Theory]
    [InlineData(3, 9, 11, 5, 0)]
    [InlineData(2, 14, 14, 9, 1)]
    [InlineData(1, 28, 28, 8, 1)]
    public void Direct_kernels_after_a_call_full_of_NaN_match_the_reference(int c, int h, int w, int o, int pad)
    {
        var big = new Im2ColGeometry(64, c, h, w, 3, 3, 1, 1, pad, pad, 1, 1);
        if (!Conv2dDirect.Suits(big, 1))
        {
            Assert.False(Avx512F.IsSupported);
            return;
        }

        // The first calls fill every buffer of this layout with NaN (x and dy all NaN, 64 samples: full blocks).
        var nanX = Enumerable.Repeat(float.NaN, big.N * c * h * w).ToArray();
        var nanDy = Enumerable.Repeat(float.NaN, big.N * o * big.L).ToArray();
        var wts = Random(o * c * 9, 1);
        Conv2dDirect.Forward(nanX, 0, wts, 0, null, 0, new float[big.N * o * big.L], big, o);
        Conv2dDirect.WeightGrad3x3(nanX, 0, nanDy, 0, new float[o * c * 9], new float[o], big, o);
        if (Conv2dDirect.SuitsBackward3x3(big)) Conv2dDirect.Backward3x3(nanX, 0, wts, 0, nanDy, 0, new float[nanX.Length], new float[o * c * 9], new float[o], big, o);

        // Then a batch of 9 finite samples (short parts: blocks that are not full) on the same layouts.
        foreach (int n in new[] { 9, 1 })
        {
            var g = big with { N = n };
            float[] x = Random(n * c * h * w, 2), dy = Random(n * o * g.L, 3);
            double[] rx = Array.ConvertAll(x, v => (double)v), rdy = Array.ConvertAll(dy, v => (double)v), rw = Array.ConvertAll(wts, v => (double)v);
            double[] ry = new double[n * o * g.L], rdx = new double[x.Length], rdw = new double[wts.Length], rdb = new double[o];
            Conv2dReference.Forward<double>(rx, rw, default, ry, g, o, 1);
            Conv2dReference.Backward<double>(rx, rw, rdy, rdx, rdw, rdb, g, o, 1);

            var y = new float[ry.Length];
            Conv2dDirect.Forward(x, 0, wts, 0, null, 0, y, g, o);
            AssertClose(ry, y, c * 9, "y");

            float[] dw = new float[wts.Length], db = new float[o];
            Conv2dDirect.WeightGrad3x3(x, 0, dy, 0, dw, db, g, o);
            AssertClose(rdw, dw, n * g.L, "dw");
            AssertClose(rdb, db, n * g.L, "db");

            if (Conv2dDirect.SuitsBackward3x3(g))
            {
                float[] dx = new float[x.Length], dw2 = new float[wts.Length], db2 = new float[o];
                Conv2dDirect.Backward3x3(x, 0, wts, 0, dy, 0, dx, dw2, db2, g, o);
                AssertClose(rdx, dx, o * 9, "dx");
                AssertClose(rdw, dw2, n * g.L, "dw (fused backward)");
            }
        }
    }

    private static void AssertZero(float* p, int length)
    {
        for (int i = 0; i < length; i++) Assert.Equal(0f, p[i]);
    }

    private static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float)((rng.NextDouble() * 2) - 1);
        return a;
    }

    private static void AssertClose(double[] expected, float[] actual, int terms, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = (1e-5 * Math.Sqrt(terms)) + (1e-5 * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
