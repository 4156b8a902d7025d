using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// A 3x3 "same" convolution by Winograd's F(2x2, 3x3), fused with bias, ReLU and 2x2 / stride 2 max pooling: the
/// forward of the CNN's second conv block. Each 2x2 output tile of the convolution is computed from the 4x4 input
/// patch d around it as
/// <code>
///   Y = A^T [ sum over c of (G g_c G^T) ⊙ (B^T d_c B) ] A        (16 multiplications per tile and channel, not 36)
/// </code>
/// and a 2x2 tile is exactly one pooling window, so Y goes straight into bias, max, ReLU and the winner byte: the
/// convolution's output is never written. The work per call:
/// <list type="number">
/// <item>U = G g G^T for every (output, input) channel pair, once (16 x C x O floats, packed for the GEMM).</item>
/// <item>Tiles are numbered across the batch (sample after sample, row-major in a sample) and taken in blocks of a
/// few hundred. Per block, V = B^T d B of every channel and tile (16 x C x tiles, inside L2), read from x straight
/// with masked loads (the zero padding is the masked-off lanes), 16 tiles of a tile row per vector.</item>
/// <item>Per 48 tiles and 8 output channels, the 16 small GEMMs M[ξ] = U[ξ] (8 x C) · V[ξ] (C x 48) in registers
/// (24 Vector512 accumulators), into a buffer that stays in L1, then A^T M A + bias, the window's max and winner
/// for 16 tiles per vector, stored to the pooled planes (whose cells are the tiles, in the same order).</item>
/// </list>
/// Outputs and the winner rule are those of <see cref="Conv2dDirect.ForwardReluPool2x2"/>; the values round
/// differently (the transforms add and subtract patch values before they are multiplied), so they agree to float32
/// rounding on finite data, and exactly where every intermediate value is exact (small integers). A NaN input gives
/// the same NaN windows as the direct kernel (each patch cell reaches the same outputs through the transforms as
/// through the 3x3 sum). An infinite input can give NaN where the direct kernel gives an infinity: the transforms
/// compute Inf - Inf where the direct sum has one infinite term. Twin: <see cref="ReferenceReluPool2x2"/>.
/// </summary>
internal static unsafe partial class Conv2dWinograd
{
    private const int Tr = 48;             // tiles per micro-tile (three Vector512)
    private const int Or = 8;              // output channels per micro-tile
    private const int ChunksPerBlock = 4;  // micro-tile columns of 48 tiles per block: V of a block is 16 x C x 192 floats
    private const int Ldv = Tr * ChunksPerBlock;
    private const int PartsPerCore = 4;

    /// <summary>
    /// Whether the Winograd forward takes this problem on this CPU: a 3x3 kernel with stride 1, dilation 1, padding 1
    /// and one group, even H and W (every 2x2 tile a whole pooling window), AVX-512 F, BW and VL, at least 8 input
    /// channels (fewer leave the transforms dearer than the multiplications they save: the 1-channel first layer
    /// stays direct) and output channels a multiple of 16.
    /// </summary>
    public static bool Suits(Im2ColGeometry g, int groups, int outChannels) =>
        Avx512F.IsSupported && Avx512BW.VL.IsSupported && groups == 1
        && g.Kh == 3 && g.Kw == 3 && g.Sh == 1 && g.Sw == 1 && g.Dh == 1 && g.Dw == 1 && g.Ph == 1 && g.Pw == 1
        && g.N > 0 && g.H >= 2 && g.W >= 2 && g.H % 2 == 0 && g.W % 2 == 0 && g.C >= 8 && outChannels > 0 && outChannels % 16 == 0;

    /// <summary>
    /// pooled (N, O, H / 2, W / 2) = max_pool2d(relu(conv(x, w) + bias), 2) and the winner byte of every pooled cell in
    /// <paramref name="winners"/> (same layout, see <see cref="Conv2dDirect.NoWinner"/>), for a geometry that
    /// <see cref="Suits"/>; both written in full. x (N, C, H, W) from <paramref name="xOffset"/>, w (O, C, 3, 3).
    /// </summary>
    public static void ForwardReluPool2x2(float[] x, int xOffset, float[] w, int wOffset, float[]? bias, int biasOffset, float* pooled, byte* winners, Im2ColGeometry g, int outChannels)
    {
        int o = outChannels, c = g.C, tw = g.W / 2, perSample = (g.H / 2) * tw;
        if ((long)xOffset + ((long)g.N * c * g.H * g.W) > x.Length || (long)wOffset + (9L * o * c) > w.Length || (bias is not null && biasOffset + o > bias.Length))
        {
            throw new ArgumentException("conv2d winograd: input, weight or bias shorter than the geometry says");
        }

        int tiles = g.N * perSample, chunks = (tiles + Tr - 1) / Tr, blocks = (chunks + ChunksPerBlock - 1) / ChunksPerBlock;
        using var u = ScratchBuffer<float>.Rent((16 * c * o) + 16);
        using var b = ScratchBuffer<float>.Rent(o, clear: true);
        if (bias is not null) Array.Copy(bias, biasOffset, b.Array, 0, o);
        fixed (float* px = x, pw = w, pu0 = u.Array, pb = b.Array)
        {
            float* pu = Align64(pu0);
            TransformWeights(pw + wOffset, pu, c, o);
            nint xa = (nint)(px + xOffset), ua = (nint)pu, ba = (nint)pb, ya = (nint)pooled, wa = (nint)winners;
            var shape = new TileShape(c, g.H, g.W, tw, perSample, o);

            // A few parts per core, claimed dynamically (see Conv2dDirect.ForwardBlocks); each part is whole blocks.
            int parts = (long)tiles * o * c < 1 << 14 ? 1 : Math.Min(blocks, PartsPerCore * Environment.ProcessorCount);
            void Part(int part)
            {
                using var v = ScratchBuffer<float>.Rent((16 * VStride(c)) + 16);
                using var m = ScratchBuffer<float>.Rent((16 * Or * Tr) + 16);
                fixed (float* pv0 = v.Array, pm0 = m.Array)
                {
                    float* pv = Align64(pv0), pm = Align64(pm0);
                    for (int blk = blocks * part / parts, end = blocks * (part + 1) / parts; blk < end; blk++)
                    {
                        int tb = blk * Ldv, te = Math.Min(tb + Ldv, tiles);
                        InputTransform((float*)xa, shape, tb, te, pv);
                        for (int t0 = tb; t0 < te; t0 += Tr)
                        {
                            for (int ob = 0; ob < o / Or; ob++)
                            {
                                float* uo = (float*)ua + (ob * c * Or);
                                for (int xi = 0; xi < 16; xi++) Gemm8x48(uo + (xi * o * c), pv + (xi * VStride(c)) + (t0 - tb), c, pm + (xi * Or * Tr));
                                OutputTiles(pm, (float*)ba + (ob * Or), ob * Or, t0, Math.Min(Tr, te - t0), shape, (float*)ya, (byte*)wa);
                            }
                        }
                    }
                }
            }

            if (parts == 1) Part(0);
            else Cpu.KernelWorkers.For(parts, Part);
        }
    }

    // Floats from V[ξ] to V[ξ + 1]: C rows of Ldv, plus one cache line so that the 16 stores of a tile row's transform
    // (one per ξ) do not all fall into the same L1 set; a whole multiple of 4 KiB apart they did, and the input
    // transform took 2-3 ms of the conv2 block's forward instead of a few tenths.
    private static int VStride(int c) => (c * Ldv) + 16;

    // The sizes the stages share: C, H, W, tiles per row and per sample, O.
    private readonly record struct TileShape(int C, int H, int W, int TilesPerRow, int PerSample, int O);

    // U[ξ][o / 8][c][o % 8] = (G g G^T)[ξ] of w[o, c] (3 x 3), with G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]. Halving is
    // exact, so ½(a + b + c) here equals ½a + ½b + ½c of the reference's matrix product.
    private static void TransformWeights(float* w, float* u, int c, int o)
    {
        float* gg = stackalloc float[12];
        for (int oc = 0; oc < o; oc++)
        {
            for (int ic = 0; ic < c; ic++)
            {
                float* g = w + ((((long)oc * c) + ic) * 9);
                for (int j = 0; j < 3; j++)
                {
                    gg[j] = g[j];
                    gg[3 + j] = 0.5f * (g[j] + g[3 + j] + g[6 + j]);
                    gg[6 + j] = 0.5f * (g[j] - g[3 + j] + g[6 + j]);
                    gg[9 + j] = g[6 + j];
                }

                float* dst = u + ((((oc / Or * c) + ic) * Or) + (oc % Or));
                long xiStride = (long)o * c;
                for (int i = 0; i < 4; i++)
                {
                    float* r = gg + (3 * i);
                    dst[((4 * i) + 0) * xiStride] = r[0];
                    dst[((4 * i) + 1) * xiStride] = 0.5f * (r[0] + r[1] + r[2]);
                    dst[((4 * i) + 2) * xiStride] = 0.5f * (r[0] - r[1] + r[2]);
                    dst[((4 * i) + 3) * xiStride] = r[2];
                }
            }
        }
    }

    // V[ξ][c][t - tb] = (B^T d B)[ξ] for the tiles t in [tb, te) of the global numbering, d the 4x4 patch of tile t in
    // channel c (zero outside the image). A vector holds 16 tiles: two tile rows of up to 8 tiles side by side (the
    // 7 of a 14x14 plane), or 16 consecutive tiles of one longer row.
    private static void InputTransform(float* x, TileShape s, int tb, int te, float* v)
    {
        var iota = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        int th = s.H / 2, plane = s.H * s.W;
        bool pairs = s.TilesPerRow <= 8;
        for (int n = tb / s.PerSample, nEnd = (te - 1) / s.PerSample; n <= nEnd; n++)
        {
            int first = n * s.PerSample;
            int ty0 = Math.Max(0, (tb - first) / s.TilesPerRow), ty1 = Math.Min(th - 1, (te - 1 - first) / s.TilesPerRow);
            float* xs = x + ((long)n * s.C * plane);
            for (int tx0 = 0; tx0 < s.TilesPerRow; tx0 += 16)
            {
                // The four loads per image row hold padded columns (image column + 1) 2 tx0 + k, + 16 (or, for pairs,
                // 0 .. 15 of the row two below), + 2 and + 18 (+ 2): present from 1 to W. Masked-off lanes read as zero,
                // which is the padding.
                float col = 2 * tx0;
                var lo = InRange(iota + Vector512.Create(col), s.W);
                var lo2 = InRange(iota + Vector512.Create(col + 2), s.W);
                var cols = pairs ? new RowLoads(lo, lo, lo2, lo2) : new RowLoads(lo, InRange(iota + Vector512.Create(col + 16), s.W), lo2, InRange(iota + Vector512.Create(col + 18), s.W));
                int t0 = first + (ty0 * s.TilesPerRow) + tx0;

                // Channel by channel, so that consecutive tile rows fill the same lines of V one after the other.
                for (int ch = 0; ch < s.C; ch++)
                {
                    float* p = xs + ((long)ch * plane) + (((2 * ty0) - 1) * s.W) + (2 * tx0) - 1;
                    TransformRows(p, s, ty0, ty1, tx0, pairs, cols, tb - t0, te - t0, v + ((long)ch * Ldv) + (t0 - tb), VStride(s.C));
                }
            }
        }
    }

    // The masks of a vector's four loads per image row (see InputTransform).
    private readonly record struct RowLoads(Vector512<float> Lo, Vector512<float> Hi, Vector512<float> Lo2, Vector512<float> Hi2);

    // Tile rows ty0 .. ty1 of one channel, p at the first one's patch (padded column 2 tx0 of image row 2 ty0 - 1),
    // dst at its first tile's column of V. Only tiles whose offset from that first tile lies in [lo, hi) are this
    // block's and stored.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformRows(float* p, TileShape s, int ty0, int ty1, int tx0, bool pairs, RowLoads cols, int lo, int hi, float* dst, long ldx)
    {
        // Each lane's tile as an offset from the first tile of the vector's (upper) row, and the lanes that hold one.
        var iota = Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var upper = Vector512.LessThan(iota, Vector512.Create(8f));
        int tw = s.TilesPerRow, step = pairs ? 2 : 1;
        var offset = pairs ? Vector512.ConditionalSelect(upper, iota, iota + Vector512.Create(tw - 8f)) : iota;
        var lanes = pairs ? Vector512.LessThan(Vector512.ConditionalSelect(upper, iota, iota - Vector512.Create(8f)), Vector512.Create((float)tw))
                          : Vector512.LessThan(iota, Vector512.Create((float)Math.Min(16, tw - tx0)));
        int below = pairs ? 2 * s.W : 16, dstB = pairs ? tw - 8 : 0;
        for (int ty = ty0, at = 0; ty <= ty1; ty += step, at += step * tw, p += 2 * step * s.W)
        {
            var off = offset + Vector512.Create((float)at);
            var store = lanes & Vector512.GreaterThanOrEqual(off, Vector512.Create((float)lo)) & Vector512.LessThan(off, Vector512.Create((float)hi));
            if (pairs && ty == ty1) store &= upper;
            int r = (2 * ty) - 1;
            TransformRow(p, p + below, s.W, r, pairs ? r + 2 : r, s.H, cols, dst + at, dst + at + dstB, ldx, store & upper, Vector512.AndNot(store, upper));
        }
    }

    // Lanes whose padded column (the lane's value) is an image column + 1, i.e. in [1, w].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> InRange(Vector512<float> col, int w) =>
        Vector512.GreaterThanOrEqual(col, Vector512<float>.One) & Vector512.LessThanOrEqual(col, Vector512.Create((float)w));

    // One vector of tiles' B^T d B: for lanes 0..7 rows ra .. ra + 3 of the plane from pa (at padded column 2 tx0 of
    // row ra, rows W apart), for lanes 8..15 rows rb .. rb + 3 from pb; rows outside [0, h) are zero. d B per row
    // first (columns j: d0 - d2, d1 + d2, d2 - d1, d1 - d3), then B^T of those rows in the same pattern. Lanes 0..7
    // go to da + ξ * ldx under storeA, lanes 8..15 to db + ξ * ldx under storeB.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformRow(float* pa, float* pb, int w, int ra, int rb, int h, RowLoads cols, float* da, float* db, long ldx, Vector512<float> storeA, Vector512<float> storeB)
    {
        RowTimesB(pa, pb, ra, rb, h, cols, out var a0, out var a1, out var a2, out var a3);
        RowTimesB(pa + w, pb + w, ra + 1, rb + 1, h, cols, out var b0, out var b1, out var b2, out var b3);
        RowTimesB(pa + (2 * w), pb + (2 * w), ra + 2, rb + 2, h, cols, out var c0, out var c1, out var c2, out var c3);
        RowTimesB(pa + (3 * w), pb + (3 * w), ra + 3, rb + 3, h, cols, out var d0, out var d1, out var d2, out var d3);
        Store2(da, db, storeA, storeB, a0 - c0);
        Store2(da + ldx, db + ldx, storeA, storeB, a1 - c1);
        Store2(da + (2 * ldx), db + (2 * ldx), storeA, storeB, a2 - c2);
        Store2(da + (3 * ldx), db + (3 * ldx), storeA, storeB, a3 - c3);
        Store2(da + (4 * ldx), db + (4 * ldx), storeA, storeB, b0 + c0);
        Store2(da + (5 * ldx), db + (5 * ldx), storeA, storeB, b1 + c1);
        Store2(da + (6 * ldx), db + (6 * ldx), storeA, storeB, b2 + c2);
        Store2(da + (7 * ldx), db + (7 * ldx), storeA, storeB, b3 + c3);
        Store2(da + (8 * ldx), db + (8 * ldx), storeA, storeB, c0 - b0);
        Store2(da + (9 * ldx), db + (9 * ldx), storeA, storeB, c1 - b1);
        Store2(da + (10 * ldx), db + (10 * ldx), storeA, storeB, c2 - b2);
        Store2(da + (11 * ldx), db + (11 * ldx), storeA, storeB, c3 - b3);
        Store2(da + (12 * ldx), db + (12 * ldx), storeA, storeB, b0 - d0);
        Store2(da + (13 * ldx), db + (13 * ldx), storeA, storeB, b1 - d1);
        Store2(da + (14 * ldx), db + (14 * ldx), storeA, storeB, b2 - d2);
        Store2(da + (15 * ldx), db + (15 * ldx), storeA, storeB, b3 - d3);
    }

    // A patch row times B for 16 tiles: lane k of d_j is padded column 2k + j of the 32 floats at pa (lanes 0..7, from
    // the first 16 of them) and pb (lanes 8..15, from 16 more), gathered by even / odd lanes of two pairs of loads.
    // A load whose row (ra, rb) is outside [0, h) is zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesB(float* pa, float* pb, int ra, int rb, int h, RowLoads cols, out Vector512<float> e0, out Vector512<float> e1, out Vector512<float> e2, out Vector512<float> e3)
    {
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        var z = Vector512<float>.Zero;
        bool okA = (uint)ra < (uint)h, okB = (uint)rb < (uint)h;
        var l = okA ? Avx512F.MaskLoad(pa, cols.Lo, z) : z;
        var u = okB ? Avx512F.MaskLoad(pb, cols.Hi, z) : z;
        var l2 = okA ? Avx512F.MaskLoad(pa + 2, cols.Lo2, z) : z;
        var u2 = okB ? Avx512F.MaskLoad(pb + 2, cols.Hi2, z) : z;
        var d0 = Avx512F.PermuteVar16x32x2(l, even, u);
        var d1 = Avx512F.PermuteVar16x32x2(l, odd, u);
        var d2 = Avx512F.PermuteVar16x32x2(l2, even, u2);
        var d3 = Avx512F.PermuteVar16x32x2(l2, odd, u2);
        e0 = d0 - d2;
        e1 = d1 + d2;
        e2 = d2 - d1;
        e3 = d1 - d3;
    }

    // The lanes of v under maskA to a, those under maskB to b.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(float* a, float* b, Vector512<float> maskA, Vector512<float> maskB, Vector512<float> v)
    {
        Avx512F.MaskStore(a, maskA, v);
        Avx512F.MaskStore(b, maskB, v);
    }

    // M (8 x 48, rows 48 apart) = U (C x 8, [c][o]) · V (C x 48, rows Ldv apart): 24 accumulators, per channel three
    // loads of V and eight broadcasts of U, as the direct kernel's wide tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemm8x48(float* u, float* v, int k, float* m)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        for (int c = 0; c < k; c++)
        {
            float* vc = v + (c * Ldv);
            var a0 = Vector512.Load(vc);
            var a1 = Vector512.Load(vc + 16);
            var a2 = Vector512.Load(vc + 32);
            float* uc = u + (c * Or);
            var b = Vector512.Create(uc[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b, c00);
            c01 = Avx512F.FusedMultiplyAdd(a1, b, c01);
            c02 = Avx512F.FusedMultiplyAdd(a2, b, c02);
            b = Vector512.Create(uc[1]);
            c10 = Avx512F.FusedMultiplyAdd(a0, b, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b, c11);
            c12 = Avx512F.FusedMultiplyAdd(a2, b, c12);
            b = Vector512.Create(uc[2]);
            c20 = Avx512F.FusedMultiplyAdd(a0, b, c20);
            c21 = Avx512F.FusedMultiplyAdd(a1, b, c21);
            c22 = Avx512F.FusedMultiplyAdd(a2, b, c22);
            b = Vector512.Create(uc[3]);
            c30 = Avx512F.FusedMultiplyAdd(a0, b, c30);
            c31 = Avx512F.FusedMultiplyAdd(a1, b, c31);
            c32 = Avx512F.FusedMultiplyAdd(a2, b, c32);
            b = Vector512.Create(uc[4]);
            c40 = Avx512F.FusedMultiplyAdd(a0, b, c40);
            c41 = Avx512F.FusedMultiplyAdd(a1, b, c41);
            c42 = Avx512F.FusedMultiplyAdd(a2, b, c42);
            b = Vector512.Create(uc[5]);
            c50 = Avx512F.FusedMultiplyAdd(a0, b, c50);
            c51 = Avx512F.FusedMultiplyAdd(a1, b, c51);
            c52 = Avx512F.FusedMultiplyAdd(a2, b, c52);
            b = Vector512.Create(uc[6]);
            c60 = Avx512F.FusedMultiplyAdd(a0, b, c60);
            c61 = Avx512F.FusedMultiplyAdd(a1, b, c61);
            c62 = Avx512F.FusedMultiplyAdd(a2, b, c62);
            b = Vector512.Create(uc[7]);
            c70 = Avx512F.FusedMultiplyAdd(a0, b, c70);
            c71 = Avx512F.FusedMultiplyAdd(a1, b, c71);
            c72 = Avx512F.FusedMultiplyAdd(a2, b, c72);
        }

        c00.Store(m);
        c01.Store(m + 16);
        c02.Store(m + 32);
        c10.Store(m + Tr);
        c11.Store(m + Tr + 16);
        c12.Store(m + Tr + 32);
        c20.Store(m + (2 * Tr));
        c21.Store(m + (2 * Tr) + 16);
        c22.Store(m + (2 * Tr) + 32);
        c30.Store(m + (3 * Tr));
        c31.Store(m + (3 * Tr) + 16);
        c32.Store(m + (3 * Tr) + 32);
        c40.Store(m + (4 * Tr));
        c41.Store(m + (4 * Tr) + 16);
        c42.Store(m + (4 * Tr) + 32);
        c50.Store(m + (5 * Tr));
        c51.Store(m + (5 * Tr) + 16);
        c52.Store(m + (5 * Tr) + 32);
        c60.Store(m + (6 * Tr));
        c61.Store(m + (6 * Tr) + 16);
        c62.Store(m + (6 * Tr) + 32);
        c70.Store(m + (7 * Tr));
        c71.Store(m + (7 * Tr) + 16);
        c72.Store(m + (7 * Tr) + 32);
    }

    // Tiles t0 .. t0 + count of output channels o0 .. o0 + 7 from M[ξ][r][tile] (16 x 8 x 48): Y = A^T M A + bias,
    // then the window's max, ReLU and winner, 16 tiles per vector. Tile t is pooled cell t - n * perSample of sample
    // n's plane, so the 16 lanes go to one plane, or to two or more where they cross into the next sample: one masked
    // store per sample they touch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OutputTiles(float* m, float* bias, int o0, int t0, int count, TileShape s, float* pooled, byte* winners)
    {
        long* bases = stackalloc long[16];
        int* from = stackalloc int[17];
        var iota = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (int vt = 0; vt < count; vt += 16)
        {
            // Lanes [from[i], from[i + 1]) are sample n's tiles; bases[i] is where lane 0 would be in o0's plane of n.
            int t = t0 + vt, lanes = Math.Min(16, count - vt), segments = 0;
            for (int lane = 0; lane < lanes; segments++)
            {
                int n = (t + lane) / s.PerSample;
                bases[segments] = ((long)n * (s.O - 1) * s.PerSample) + t + ((long)o0 * s.PerSample);
                from[segments] = lane;
                lane = Math.Min(lanes, ((n + 1) * s.PerSample) - t);
            }

            from[segments] = lanes;
            for (int r = 0; r < Or; r++)
            {
                Pool(m + (r * Tr) + vt, bias[r], out var max, out var code);
                long plane = (long)r * s.PerSample;
                for (int i = 0; i < segments; i++)
                {
                    var mask = Vector512.GreaterThanOrEqual(iota, Vector512.Create(from[i])) & Vector512.LessThan(iota, Vector512.Create(from[i + 1]));
                    long at = bases[i] + plane;
                    Avx512F.MaskStore(pooled + at, mask.AsSingle(), max);
                    Avx512BW.VL.MaskStore(winners + at, Avx512F.ConvertToVector128Byte(mask.AsUInt32()), Avx512F.ConvertToVector128Byte(code));
                }
            }
        }
    }

    // A^T M A (A^T = [1 1 1 0; 0 1 -1 -1]) + bias for 16 tiles (M[ξ] Or * Tr floats apart), then as the direct kernel's
    // pooling: the max of the four cells (NaN wins), ReLU of it, and the first cell in scan order equal to the max,
    // NoWinner where the max is not > 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool(float* m, float bias, out Vector512<float> pooled, out Vector512<int> code)
    {
        const int S = Or * Tr;
        var s00 = Vector512.Load(m) + Vector512.Load(m + (4 * S)) + Vector512.Load(m + (8 * S));
        var s01 = Vector512.Load(m + S) + Vector512.Load(m + (5 * S)) + Vector512.Load(m + (9 * S));
        var s02 = Vector512.Load(m + (2 * S)) + Vector512.Load(m + (6 * S)) + Vector512.Load(m + (10 * S));
        var s03 = Vector512.Load(m + (3 * S)) + Vector512.Load(m + (7 * S)) + Vector512.Load(m + (11 * S));
        var s10 = Vector512.Load(m + (4 * S)) - Vector512.Load(m + (8 * S)) - Vector512.Load(m + (12 * S));
        var s11 = Vector512.Load(m + (5 * S)) - Vector512.Load(m + (9 * S)) - Vector512.Load(m + (13 * S));
        var s12 = Vector512.Load(m + (6 * S)) - Vector512.Load(m + (10 * S)) - Vector512.Load(m + (14 * S));
        var s13 = Vector512.Load(m + (7 * S)) - Vector512.Load(m + (11 * S)) - Vector512.Load(m + (15 * S));
        var b = Vector512.Create(bias);
        var y00 = s00 + s01 + s02 + b;
        var y01 = s01 - s02 - s03 + b;
        var y10 = s10 + s11 + s12 + b;
        var y11 = s11 - s12 - s13 + b;
        var max = Vector512.Max(Vector512.Max(y00, y01), Vector512.Max(y10, y11));
        code = Vector512.ConditionalSelect(Vector512.Equals(y10, max).AsInt32(), Vector512.Create(2), Vector512.Create(3));
        code = Vector512.ConditionalSelect(Vector512.Equals(y01, max).AsInt32(), Vector512.Create(1), code);
        code = Vector512.ConditionalSelect(Vector512.Equals(y00, max).AsInt32(), Vector512<int>.Zero, code);
        code = Vector512.ConditionalSelect(Vector512.GreaterThan(max, Vector512<float>.Zero).AsInt32(), code, Vector512.Create((int)Conv2dDirect.NoWinner));
        pooled = Vector512.Max(max, Vector512<float>.Zero);
    }

    // The first 64-byte boundary at or after p (the buffers hold 16 floats of slack for it).
    private static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);
}
