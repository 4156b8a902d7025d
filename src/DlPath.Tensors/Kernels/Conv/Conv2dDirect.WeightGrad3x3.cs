using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// The weight gradient of a 3x3 stride-1 convolution (both layers of the CNN). The padded planes get rows of a
/// multiple of 16 floats (14x14 padded to 16x16, 28x28 to 30 rows of 32), cut into strips one Vector512 wide; on a
/// strip, with one row per step t:
/// <code>
///   dw[o, c, i, j] = sum over rows t and strips of dy[o, row t - i] * xpad[c, row t, shifted by j]
/// </code>
/// The dy row a tap row i needs at step t is the one loaded i steps earlier, so it stays in a register: per step the
/// kernel loads two dy rows (a pair of output channels) and three shifted rows of one input channel, and makes
/// 18 FMAs into 18 accumulators (2 channels x 3 x 3 taps), against 10 loads for 24 FMAs of the general tile.
/// </summary>
internal static unsafe partial class Conv2dDirect
{
    private const int Strip = 16; // one Vector512 of float32
    private const int BlockFloats = 1 << 19; // x and dy of a sample block stay within 2 MiB (in L2)

    /// <summary>Whether <c>WeightGrad3x3</c> handles this geometry (with <see cref="Suits"/> already true).</summary>
    public static bool SuitsWeightGrad3x3(Im2ColGeometry g) => g.Kh == 3 && g.Kw == 3;

    /// <summary>
    /// dW (O, C, 3, 3) and db (O) overwritten, as <see cref="WeightGrad"/>, for a geometry that
    /// <see cref="SuitsWeightGrad3x3"/>. A block of samples is laid out one run per channel: sample after sample,
    /// each plane of hp rows of a multiple of 16 (x zero-padded; dy on the same rows with zeros right of Ow and in its
    /// last two rows), so one tile runs down a strip of the whole block without a break: the zero rows at the end of a
    /// sample clear the dy history the next sample starts with. Columns past the padded width read the next row (or
    /// sample) but meet zeros of dy: the last real output column is at least two short of the row's end.
    /// </summary>
    public static void WeightGrad3x3(float[] x, int xOffset, float[] dy, int dyOffset, float[] dw, float[]? db, Im2ColGeometry g, int outChannels)
    {
        fixed (float* pdy = dy) WeightGrad3x3(x, xOffset, DyPlanes.Dense(pdy + dyOffset), dw, db, g, outChannels);
    }

    /// <summary>As the overload above, with dy read through <paramref name="dy"/> (the tensor, or a pooling's gradient).</summary>
    public static void WeightGrad3x3(float[] x, int xOffset, DyPlanes dy, float[] dw, float[]? db, Im2ColGeometry g, int outChannels)
    {
        int o = outChannels, c = g.C, k = c * 9, pairs = (o + 1) / 2, hp = g.H + (2 * g.Ph);
        int row = (g.W + (2 * g.Pw) + Strip - 1) / Strip * Strip, plane = hp * row;
        int block = Math.Clamp(BlockFloats / (plane * (c + (2 * pairs))), 1, SampleBlock);

        // One run holds a block of planes; the last step's shifted loads read up to 17 floats past it.
        int runStride = (block * plane) + Strip + Strip;
        int parts = (long)g.N * o * k * g.L < 1 << 16 ? 1 : Math.Min(g.N, PartsPerCore * Environment.ProcessorCount);
        // Partial sums laid out [c][o][tap]: the 18 sums of one tile (a channel pair's 3x3 taps) are contiguous.
        int partLength = (2 * pairs * k) + o;
        using var partial = ScratchBuffer<float>.Rent(parts * partLength, clear: true);
        float[] pa = partial.Array;
        void Part(int part)
        {
            // Zero when first made: the padding (and an odd last channel's dy row) is never written, so it stays zero,
            // also from one call to the next (see PaddedScratch).
            using var xs = PaddedScratch.Rent(new PaddedLayout(2, g with { N = 0 }, o, (c * runStride) + Strip));
            using var ds = PaddedScratch.Rent(new PaddedLayout(3, g with { N = 0 }, o, (2 * pairs * runStride) + Strip));
            fixed (float* pw = pa)
            {
                // Whole rows on 64-byte boundaries (the scratch is aligned): the dy loads and the unshifted x load never
                // split a cache line.
                float* px = xs.Pointer, pd = ds.Pointer;
                float* pdw = pw + (part * partLength), pdb = pdw + (2 * pairs * k);
                for (int n0 = g.N * part / parts, end = g.N * (part + 1) / parts; n0 < end; n0 += block)
                {
                    int count = Math.Min(block, end - n0);

                    // The last row's shifted loads reach two floats into the next plane. Without padding that is sample
                    // count's first row, which a longer block (or an earlier call) wrote: zero it, so a stale value
                    // (an Inf or NaN times dy's zeros) cannot reach the sums.
                    if (count < block && g.Ph == 0)
                    {
                        for (int ic = 0; ic < c; ic++) new Span<float>(px + (ic * runStride) + (count * plane), row).Clear();
                    }

                    for (int s = 0; s < count; s++)
                    {
                        LayOutSample(x, xOffset, dy, n0 + s, s, g, o, px, (g.Ph * row) + g.Pw, pd, 0, runStride, plane, row, pdb);
                    }

                    WeightTilesOverBlock(pd, px, pairs, c, runStride, row, count * hp, pdw);
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);
        ReduceWeightGrad3x3(pa, parts, partLength, pairs, c, o, dw, db);
    }

    // One sample (n) into slot s of a block's runs: its x planes with their first cell xAt into each padded plane, its
    // dy planes through `dy` with their first cell dyAt in; the dy plane sums are added to db.
    private static void LayOutSample(float[] x, int xOffset, DyPlanes dy, int n, int s, Im2ColGeometry g, int o, float* px, int xAt, float* pd, int dyAt, int runStride, int plane, int row, float* pdb)
    {
        fixed (float* sx = &x[xOffset + (n * g.C * g.H * g.W)])
        {
            for (int ic = 0; ic < g.C; ic++)
            {
                float* dst = px + (ic * runStride) + (s * plane) + xAt;
                for (int iy = 0; iy < g.H; iy++) CopyRow(sx + (((ic * g.H) + iy) * g.W), dst + (iy * row), g.W);
            }
        }

        for (int oc = 0; oc < o; oc++)
        {
            pdb[oc] += dy.Place(((long)n * o) + oc, pd + (oc * runStride) + (s * plane) + dyAt, row, g.Oh, g.Ow);
        }
    }

    // The weight-gradient tiles over one block of `steps` rows: a dy pair (2 runs, from pd as WeightTile3x3 reads dy)
    // stays in cache while the input channels stream past it, strip by strip. Sums go to pdw laid out [c][o][tap].
    private static void WeightTilesOverBlock(float* pd, float* px, int pairs, int c, int runStride, int row, int steps, float* pdw)
    {
        for (int pr = 0; pr < pairs; pr++)
        {
            float* d0 = pd + (2 * pr * runStride);
            for (int ic = 0; ic < c; ic++)
            {
                float* x0 = px + (ic * runStride), dw0 = pdw + (((ic * 2 * pairs) + (2 * pr)) * 9);
                for (int at = 0; at < row; at += Strip)
                {
                    WeightTile3x3(d0 + at, d0 + runStride + at, x0 + at, row, steps, dw0);
                }
            }
        }
    }

    // The parts' partial sums added up, then dW (O, C, 3, 3) and db (O) written from the [c][o][tap] layout.
    private static void ReduceWeightGrad3x3(float[] pa, int parts, int partLength, int pairs, int c, int o, float[] dw, float[]? db)
    {
        int k = c * 9;
        var sum = pa.AsSpan(0, partLength);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(sum, pa.AsSpan(p * partLength, partLength), sum);
        for (int oc = 0; oc < o; oc++)
        {
            for (int ic = 0; ic < c; ic++) sum.Slice(((ic * 2 * pairs) + oc) * 9, 9).CopyTo(dw.AsSpan((oc * k) + (ic * 9), 9));
        }

        if (db is not null) sum.Slice(2 * pairs * k, o).CopyTo(db);
    }

    // The sum of n floats. TensorPrimitives.Sum costs about half a microsecond per call on rows this short (measured
    // on 196 floats), ten times this loop, and the weight gradient takes one sum per sample and output channel.
    // Four accumulators: with one, each add waits for the previous one (4 cycles of latency per 16 floats).
    private static float RowSum(float* a, int n)
    {
        Vector512<float> acc0 = Vector512<float>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (; i + 64 <= n; i += 64)
        {
            acc0 += Vector512.Load(a + i);
            acc1 += Vector512.Load(a + i + 16);
            acc2 += Vector512.Load(a + i + 32);
            acc3 += Vector512.Load(a + i + 48);
        }

        for (; i + 16 <= n; i += 16) acc0 += Vector512.Load(a + i);
        float sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; i < n; i++) sum += a[i];
        return sum;
    }

    // 2 output channels x 3x3 taps of one input channel down a strip of `steps` rows (ld floats apart). At each step the two dy rows just
    // loaded serve tap row 0, those of the step before row 1 and those of two steps before row 2 (zeros before the
    // first step). Three dy register pairs rotate over an unrolled cycle of three steps, so no row is moved or
    // reloaded; x0..x2 are the input row shifted by 0, 1 and 2 columns. x is 64-byte aligned; dy need not be (the
    // fused backward reads it one row and column into its padded planes).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightTile3x3(float* dy0, float* dy1, float* x, int ld, int steps, float* dw)
    {
        var s000 = Vector512<float>.Zero;
        var s001 = Vector512<float>.Zero;
        var s002 = Vector512<float>.Zero;
        var s010 = Vector512<float>.Zero;
        var s011 = Vector512<float>.Zero;
        var s012 = Vector512<float>.Zero;
        var s020 = Vector512<float>.Zero;
        var s021 = Vector512<float>.Zero;
        var s022 = Vector512<float>.Zero;
        var s100 = Vector512<float>.Zero;
        var s101 = Vector512<float>.Zero;
        var s102 = Vector512<float>.Zero;
        var s110 = Vector512<float>.Zero;
        var s111 = Vector512<float>.Zero;
        var s112 = Vector512<float>.Zero;
        var s120 = Vector512<float>.Zero;
        var s121 = Vector512<float>.Zero;
        var s122 = Vector512<float>.Zero;
        Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, x0, x1, x2;
        float* end = x + ((long)(steps - (steps % 3)) * ld);
        for (; x < end; x += 3 * ld, dy0 += 3 * ld, dy1 += 3 * ld)
        {
            // This step's rows go to a; b holds the rows two steps back, c the previous step's.
            a0 = Vector512.Load(dy0);
            a1 = Vector512.Load(dy1);
            x0 = Vector512.LoadAligned(x);
            x1 = Vector512.Load(x + 1);
            x2 = Vector512.Load(x + 2);
            s000 = Avx512F.FusedMultiplyAdd(a0, x0, s000);
            s001 = Avx512F.FusedMultiplyAdd(a0, x1, s001);
            s002 = Avx512F.FusedMultiplyAdd(a0, x2, s002);
            s010 = Avx512F.FusedMultiplyAdd(c0, x0, s010);
            s011 = Avx512F.FusedMultiplyAdd(c0, x1, s011);
            s012 = Avx512F.FusedMultiplyAdd(c0, x2, s012);
            s020 = Avx512F.FusedMultiplyAdd(b0, x0, s020);
            s021 = Avx512F.FusedMultiplyAdd(b0, x1, s021);
            s022 = Avx512F.FusedMultiplyAdd(b0, x2, s022);
            s100 = Avx512F.FusedMultiplyAdd(a1, x0, s100);
            s101 = Avx512F.FusedMultiplyAdd(a1, x1, s101);
            s102 = Avx512F.FusedMultiplyAdd(a1, x2, s102);
            s110 = Avx512F.FusedMultiplyAdd(c1, x0, s110);
            s111 = Avx512F.FusedMultiplyAdd(c1, x1, s111);
            s112 = Avx512F.FusedMultiplyAdd(c1, x2, s112);
            s120 = Avx512F.FusedMultiplyAdd(b1, x0, s120);
            s121 = Avx512F.FusedMultiplyAdd(b1, x1, s121);
            s122 = Avx512F.FusedMultiplyAdd(b1, x2, s122);

            b0 = Vector512.Load(dy0 + ld);
            b1 = Vector512.Load(dy1 + ld);
            x0 = Vector512.LoadAligned(x + ld);
            x1 = Vector512.Load(x + ld + 1);
            x2 = Vector512.Load(x + ld + 2);
            s000 = Avx512F.FusedMultiplyAdd(b0, x0, s000);
            s001 = Avx512F.FusedMultiplyAdd(b0, x1, s001);
            s002 = Avx512F.FusedMultiplyAdd(b0, x2, s002);
            s010 = Avx512F.FusedMultiplyAdd(a0, x0, s010);
            s011 = Avx512F.FusedMultiplyAdd(a0, x1, s011);
            s012 = Avx512F.FusedMultiplyAdd(a0, x2, s012);
            s020 = Avx512F.FusedMultiplyAdd(c0, x0, s020);
            s021 = Avx512F.FusedMultiplyAdd(c0, x1, s021);
            s022 = Avx512F.FusedMultiplyAdd(c0, x2, s022);
            s100 = Avx512F.FusedMultiplyAdd(b1, x0, s100);
            s101 = Avx512F.FusedMultiplyAdd(b1, x1, s101);
            s102 = Avx512F.FusedMultiplyAdd(b1, x2, s102);
            s110 = Avx512F.FusedMultiplyAdd(a1, x0, s110);
            s111 = Avx512F.FusedMultiplyAdd(a1, x1, s111);
            s112 = Avx512F.FusedMultiplyAdd(a1, x2, s112);
            s120 = Avx512F.FusedMultiplyAdd(c1, x0, s120);
            s121 = Avx512F.FusedMultiplyAdd(c1, x1, s121);
            s122 = Avx512F.FusedMultiplyAdd(c1, x2, s122);

            c0 = Vector512.Load(dy0 + (2 * ld));
            c1 = Vector512.Load(dy1 + (2 * ld));
            x0 = Vector512.LoadAligned(x + (2 * ld));
            x1 = Vector512.Load(x + (2 * ld) + 1);
            x2 = Vector512.Load(x + (2 * ld) + 2);
            s000 = Avx512F.FusedMultiplyAdd(c0, x0, s000);
            s001 = Avx512F.FusedMultiplyAdd(c0, x1, s001);
            s002 = Avx512F.FusedMultiplyAdd(c0, x2, s002);
            s010 = Avx512F.FusedMultiplyAdd(b0, x0, s010);
            s011 = Avx512F.FusedMultiplyAdd(b0, x1, s011);
            s012 = Avx512F.FusedMultiplyAdd(b0, x2, s012);
            s020 = Avx512F.FusedMultiplyAdd(a0, x0, s020);
            s021 = Avx512F.FusedMultiplyAdd(a0, x1, s021);
            s022 = Avx512F.FusedMultiplyAdd(a0, x2, s022);
            s100 = Avx512F.FusedMultiplyAdd(c1, x0, s100);
            s101 = Avx512F.FusedMultiplyAdd(c1, x1, s101);
            s102 = Avx512F.FusedMultiplyAdd(c1, x2, s102);
            s110 = Avx512F.FusedMultiplyAdd(b1, x0, s110);
            s111 = Avx512F.FusedMultiplyAdd(b1, x1, s111);
            s112 = Avx512F.FusedMultiplyAdd(b1, x2, s112);
            s120 = Avx512F.FusedMultiplyAdd(a1, x0, s120);
            s121 = Avx512F.FusedMultiplyAdd(a1, x1, s121);
            s122 = Avx512F.FusedMultiplyAdd(a1, x2, s122);
        }

        // One or two steps left: they continue the cycle where the loop ended (a, then b).
        if (steps % 3 > 0)
        {
            a0 = Vector512.Load(dy0);
            a1 = Vector512.Load(dy1);
            x0 = Vector512.LoadAligned(x);
            x1 = Vector512.Load(x + 1);
            x2 = Vector512.Load(x + 2);
            s000 = Avx512F.FusedMultiplyAdd(a0, x0, s000);
            s001 = Avx512F.FusedMultiplyAdd(a0, x1, s001);
            s002 = Avx512F.FusedMultiplyAdd(a0, x2, s002);
            s010 = Avx512F.FusedMultiplyAdd(c0, x0, s010);
            s011 = Avx512F.FusedMultiplyAdd(c0, x1, s011);
            s012 = Avx512F.FusedMultiplyAdd(c0, x2, s012);
            s020 = Avx512F.FusedMultiplyAdd(b0, x0, s020);
            s021 = Avx512F.FusedMultiplyAdd(b0, x1, s021);
            s022 = Avx512F.FusedMultiplyAdd(b0, x2, s022);
            s100 = Avx512F.FusedMultiplyAdd(a1, x0, s100);
            s101 = Avx512F.FusedMultiplyAdd(a1, x1, s101);
            s102 = Avx512F.FusedMultiplyAdd(a1, x2, s102);
            s110 = Avx512F.FusedMultiplyAdd(c1, x0, s110);
            s111 = Avx512F.FusedMultiplyAdd(c1, x1, s111);
            s112 = Avx512F.FusedMultiplyAdd(c1, x2, s112);
            s120 = Avx512F.FusedMultiplyAdd(b1, x0, s120);
            s121 = Avx512F.FusedMultiplyAdd(b1, x1, s121);
            s122 = Avx512F.FusedMultiplyAdd(b1, x2, s122);
        }

        if (steps % 3 > 1)
        {
            b0 = Vector512.Load(dy0 + ld);
            b1 = Vector512.Load(dy1 + ld);
            x0 = Vector512.LoadAligned(x + ld);
            x1 = Vector512.Load(x + ld + 1);
            x2 = Vector512.Load(x + ld + 2);
            s000 = Avx512F.FusedMultiplyAdd(b0, x0, s000);
            s001 = Avx512F.FusedMultiplyAdd(b0, x1, s001);
            s002 = Avx512F.FusedMultiplyAdd(b0, x2, s002);
            s010 = Avx512F.FusedMultiplyAdd(a0, x0, s010);
            s011 = Avx512F.FusedMultiplyAdd(a0, x1, s011);
            s012 = Avx512F.FusedMultiplyAdd(a0, x2, s012);
            s020 = Avx512F.FusedMultiplyAdd(c0, x0, s020);
            s021 = Avx512F.FusedMultiplyAdd(c0, x1, s021);
            s022 = Avx512F.FusedMultiplyAdd(c0, x2, s022);
            s100 = Avx512F.FusedMultiplyAdd(b1, x0, s100);
            s101 = Avx512F.FusedMultiplyAdd(b1, x1, s101);
            s102 = Avx512F.FusedMultiplyAdd(b1, x2, s102);
            s110 = Avx512F.FusedMultiplyAdd(a1, x0, s110);
            s111 = Avx512F.FusedMultiplyAdd(a1, x1, s111);
            s112 = Avx512F.FusedMultiplyAdd(a1, x2, s112);
            s120 = Avx512F.FusedMultiplyAdd(c1, x0, s120);
            s121 = Avx512F.FusedMultiplyAdd(c1, x1, s121);
            s122 = Avx512F.FusedMultiplyAdd(c1, x2, s122);
        }

        // dw[0..18) = channel 0's taps, then channel 1's: the first 16 sums in one vector, the last two on their own.
        var sums = Sums16(s000, s001, s002, s010, s011, s012, s020, s021, s022, s100, s101, s102, s110, s111, s112, s120);
        (Vector512.Load(dw) + sums).Store(dw);
        dw[16] += Vector512.Sum(s121);
        dw[17] += Vector512.Sum(s122);
    }

    // Lane i of the result = the sum of the 16 lanes of u_i, by a tree of shuffles and adds (45 instructions instead
    // of 16 horizontal sums of about 25). Halves and Quarters fold 128-bit chunks until each chunk of x_m holds four
    // partial sums of one input (inputs m, m+4, m+8, m+12 in chunks 0..3); the unpack and in-chunk shuffle levels
    // then add within chunks, leaving in chunk k, lane m the sum of the input x_m held in chunk k: u_(4k+m).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sums16(
        Vector512<float> u0, Vector512<float> u1, Vector512<float> u2, Vector512<float> u3,
        Vector512<float> u4, Vector512<float> u5, Vector512<float> u6, Vector512<float> u7,
        Vector512<float> u8, Vector512<float> u9, Vector512<float> u10, Vector512<float> u11,
        Vector512<float> u12, Vector512<float> u13, Vector512<float> u14, Vector512<float> u15)
    {
        var x0 = Quarters(Halves(u0, u4), Halves(u8, u12));
        var x1 = Quarters(Halves(u1, u5), Halves(u9, u13));
        var x2 = Quarters(Halves(u2, u6), Halves(u10, u14));
        var x3 = Quarters(Halves(u3, u7), Halves(u11, u15));
        var y01 = Avx512F.UnpackLow(x0, x1) + Avx512F.UnpackHigh(x0, x1);
        var y23 = Avx512F.UnpackLow(x2, x3) + Avx512F.UnpackHigh(x2, x3);
        return Avx512F.Shuffle(y01, y23, 0b01_00_01_00) + Avx512F.Shuffle(y01, y23, 0b11_10_11_10);
    }

    // [a.q0 + a.q2, a.q1 + a.q3, b.q0 + b.q2, b.q1 + b.q3] for 128-bit chunks q.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);

    // From two Halves results (inputs a, b and c, d): chunk k = the two partial chunks of input k added.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quarters(Vector512<float> ab, Vector512<float> cd) =>
        Avx512F.Shuffle4x128(ab, cd, 0b10_00_10_00) + Avx512F.Shuffle4x128(ab, cd, 0b11_01_11_01);
}
