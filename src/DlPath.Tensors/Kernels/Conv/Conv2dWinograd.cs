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
/// <item>Tiles are numbered across the batch (sample after sample, row-major in a sample) and taken in blocks of 192.
/// Per block, V = B^T d B of every channel and tile (16 x C x tiles, inside L2), from a zero-padded copy of each
/// sample, two tile rows of up to 8 tiles (or 16 tiles of a longer row) per vector.</item>
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
/// <para>
/// On the CNN's conv2 (N 128, C 32, O 64, 14x14) it takes 2.1-2.4 ms on two cores against 3.7-3.9 ms for the direct
/// kernel. On one core the GEMMs take ~2.5 ms (~165 GFLOP/s, near the peak), the input transform ~1.2 ms (over half
/// of it writing V: every line of it goes from L2 to L1 and back), the output transform ~0.4 ms, the weights 0.02 ms.
/// </para>
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
            float* pu = Conv2dDirect.Align64(pu0);
            TransformWeights(pw + wOffset, pu, c, o);
            nint xa = (nint)(px + xOffset), ua = (nint)pu, ba = (nint)pb, ya = (nint)pooled, wa = (nint)winners;
            var shape = new TileShape(c, g.H, g.W, tw, perSample, o);

            // A few parts per core, claimed dynamically (see Conv2dDirect.ForwardBlocks); each part is whole blocks.
            int parts = (long)tiles * o * c < 1 << 14 ? 1 : Math.Min(blocks, PartsPerCore * Environment.ProcessorCount);
            void Part(int part)
            {
                using var v = ScratchBuffer<float>.Rent((16 * VStride(c)) + 16);
                using var m = ScratchBuffer<float>.Rent((16 * Or * Tr) + 16);
                using var xpad = PaddedScratch.Rent(new PaddedLayout(6, g with { N = 0 }, o, PaddedLength(c, g.H, g.W)));
                fixed (float* pv0 = v.Array, pm0 = m.Array)
                {
                    float* pv = Conv2dDirect.Align64(pv0), pm = Conv2dDirect.Align64(pm0);
                    for (int blk = blocks * part / parts, end = blocks * (part + 1) / parts; blk < end; blk++)
                    {
                        int tb = blk * Ldv, te = Math.Min(tb + Ldv, tiles);
                        InputTransform((float*)xa, shape, tb, te, pv, xpad.Pointer);
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
    // (one per ξ) do not all fall into the same L1 set. A whole multiple of 4 KiB apart they did: the conv2 block's
    // input transform took 2.2-2.7 ms on one core, against 1.2-1.5 ms with the extra line.
    private static int VStride(int c) => (c * Ldv) + 16;

    // The sizes the stages share: C, H, W, tiles per row and per sample, O.
    private readonly record struct TileShape(int C, int H, int W, int TilesPerRow, int PerSample, int O);

    // U[ξ][o / 8][c][o % 8] = (G g G^T)[ξ] of w[o, c] (3 x 3), with G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1], for 8 output
    // channels per vector (gathered C * 9 floats apart), so that each ξ is one store of 8 consecutive floats. Halving
    // is exact, so ½(a + b + c) here equals ½a + ½b + ½c of the reference's matrix product.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformWeights(float* w, float* u, int c, int o)
    {
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * Vector256.Create(c * 9);
        var half = Vector256.Create(0.5f);
        long xiStride = (long)o * c;
        for (int ob = 0; ob < o / Or; ob++)
        {
            for (int ic = 0; ic < c; ic++)
            {
                float* g = w + ((((long)ob * Or * c) + ic) * 9);
                var g0 = Avx2.GatherVector256(g, lanes, 4);
                var g1 = Avx2.GatherVector256(g + 1, lanes, 4);
                var g2 = Avx2.GatherVector256(g + 2, lanes, 4);
                var g3 = Avx2.GatherVector256(g + 3, lanes, 4);
                var g4 = Avx2.GatherVector256(g + 4, lanes, 4);
                var g5 = Avx2.GatherVector256(g + 5, lanes, 4);
                var g6 = Avx2.GatherVector256(g + 6, lanes, 4);
                var g7 = Avx2.GatherVector256(g + 7, lanes, 4);
                var g8 = Avx2.GatherVector256(g + 8, lanes, 4);

                // G g: rows g0..2, ½(sum of the rows), ½(first - second + third), g6..8.
                var a0 = half * (g0 + g3 + g6);
                var a1 = half * (g1 + g4 + g7);
                var a2 = half * (g2 + g5 + g8);
                var b0 = half * (g0 - g3 + g6);
                var b1 = half * (g1 - g4 + g7);
                var b2 = half * (g2 - g5 + g8);
                float* dst = u + ((((long)ob * c) + ic) * Or);
                StoreRowTimesGt(dst, xiStride, half, g0, g1, g2);
                StoreRowTimesGt(dst + (4 * xiStride), xiStride, half, a0, a1, a2);
                StoreRowTimesGt(dst + (8 * xiStride), xiStride, half, b0, b1, b2);
                StoreRowTimesGt(dst + (12 * xiStride), xiStride, half, g6, g7, g8);
            }
        }
    }

    // One row (r0, r1, r2) of G g times G^T: r0, ½(r0 + r1 + r2), ½(r0 - r1 + r2), r2, to dst, ξ stride apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowTimesGt(float* dst, long xiStride, Vector256<float> half, Vector256<float> r0, Vector256<float> r1, Vector256<float> r2)
    {
        r0.Store(dst);
        (half * (r0 + r1 + r2)).Store(dst + xiStride);
        (half * (r0 - r1 + r2)).Store(dst + (2 * xiStride));
        r2.Store(dst + (3 * xiStride));
    }

    // V[ξ][c][t - tb] = (B^T d B)[ξ] for the tiles t in [tb, te) of the global numbering, d the 4x4 patch of tile t in
    // channel c (zero outside the image). Each sample is first copied into zero-padded planes (xpad, H + 2 rows of
    // W + 2, the border never written), so that a patch row is plain loads. A vector holds consecutive tiles: two tile
    // rows of up to 8 tiles (the 7 of a 14x14 plane), or 16 tiles of one longer row.
    private static void InputTransform(float* x, TileShape s, int tb, int te, float* v, float* xpad)
    {
        int th = s.H / 2, wp = s.W + 2, planeIn = s.H * s.W, planePad = (s.H + 2) * wp;
        bool pairs = s.TilesPerRow <= 8;
        for (int n = tb / s.PerSample, nEnd = (te - 1) / s.PerSample; n <= nEnd; n++)
        {
            int first = n * s.PerSample;
            int ty0 = Math.Max(0, (tb - first) / s.TilesPerRow), ty1 = Math.Min(th - 1, (te - 1 - first) / s.TilesPerRow);
            PadSample(x + ((long)n * s.C * planeIn), xpad, s, Math.Max(0, (2 * ty0) - 1), Math.Min(s.H, (2 * ty1) + 3));
            for (int tx0 = 0; tx0 < s.TilesPerRow; tx0 += 16)
            {
                int t0 = first + (ty0 * s.TilesPerRow) + tx0;

                // Channel by channel, so that consecutive tile rows fill the same lines of V one after the other.
                for (int ch = 0; ch < s.C; ch++)
                {
                    float* p = xpad + ((long)ch * planePad) + (2 * ty0 * wp) + (2 * tx0);
                    TransformRows(p, s, ty0, ty1, tx0, pairs, tb - t0, te - t0, v + ((long)ch * Ldv) + (t0 - tb), VStride(s.C));
                }
            }
        }
    }

    // Floats of a sample's zero-padded planes, with slack for the loads of a last tile row (two rows further down
    // for pairs, up to 32 floats on) that feed no stored lane.
    private static int PaddedLength(int c, int h, int w) => (c * (h + 2) * (w + 2)) + (4 * (w + 2)) + 64;

    // Image rows [r0, r1) of every channel of one sample into the interior of the padded planes.
    private static void PadSample(float* src, float* xpad, TileShape s, int r0, int r1)
    {
        int wp = s.W + 2;
        for (int c = 0; c < s.C; c++)
        {
            float* from = src + ((long)c * s.H * s.W), to = xpad + ((long)c * (s.H + 2) * wp) + wp + 1;
            for (int r = r0; r < r1; r++) Conv2dDirect.CopyRow(from + (r * s.W), to + (r * wp), s.W);
        }
    }

    // Tile rows ty0 .. ty1 of one channel, p at the first one's patch (its top left in the padded plane), dst at its
    // first tile's column of V. Only tiles whose offset from that first tile lies in [lo, hi) are this block's and stored.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformRows(float* p, TileShape s, int ty0, int ty1, int tx0, bool pairs, int lo, int hi, float* dst, long ldx)
    {
        // Lane k holds the tile k places after the vector's first: for pairs, tile k of the upper row for k < tw and
        // tile k - tw of the lower one after it (as V numbers them), gathered from the two rows' loads. Index i of a
        // two-register permute picks float i of (lo, hi): 2k + j for column j of tile k in the upper row, 16 + 2(k - tw)
        // + j in the lower (odd indices are the even ones + 1; lanes past the tiles pick anything, they are not stored).
        var iota = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        int tw = s.TilesPerRow, step = pairs ? 2 : 1, count = pairs ? 2 * tw : Math.Min(16, tw - tx0);
        var even = pairs ? Vector512.ConditionalSelect(Vector512.LessThan(iota, Vector512.Create(tw)), iota * 2, ((iota - Vector512.Create(tw)) * 2) + Vector512.Create(16)) : iota * 2;
        even = Vector512.Min(even, Vector512.Create(30));
        var index = new Permutes(even, even + Vector512<int>.One);
        var lane = Vector512.ConvertToSingle(iota);
        var lanes = Vector512.LessThan(lane, Vector512.Create((float)count));
        var upper = Vector512.LessThan(lane, Vector512.Create((float)tw));
        int wp = s.W + 2, below = pairs ? 2 * wp : 16;
        for (int ty = ty0, at = 0; ty <= ty1; ty += step, at += step * tw, p += 2 * step * wp)
        {
            var off = lane + Vector512.Create((float)at);
            var store = lanes & Vector512.GreaterThanOrEqual(off, Vector512.Create((float)lo)) & Vector512.LessThan(off, Vector512.Create((float)hi));
            if (pairs && ty == ty1) store &= upper;
            TransformRow(p, p + below, wp, index, dst + at, ldx, store);
        }
    }

    // The two-register permutes that gather columns 0 and 2 (Even) and 1 and 3 (Odd) of each lane's patch row.
    private readonly record struct Permutes(Vector512<int> Even, Vector512<int> Odd);

    // One vector of tiles' B^T d B from four padded rows at pa (rows w apart) and four at pb. d B per row first
    // (columns j: d0 - d2, d1 + d2, d2 - d1, d1 - d3), then B^T of those rows in the same pattern. The 16 results go
    // to dst + ξ * ldx under the store mask.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformRow(float* pa, float* pb, int w, Permutes index, float* dst, long ldx, Vector512<float> store)
    {
        RowTimesB(pa, pb, index, out var a0, out var a1, out var a2, out var a3);
        RowTimesB(pa + w, pb + w, index, out var b0, out var b1, out var b2, out var b3);
        RowTimesB(pa + (2 * w), pb + (2 * w), index, out var c0, out var c1, out var c2, out var c3);
        RowTimesB(pa + (3 * w), pb + (3 * w), index, out var d0, out var d1, out var d2, out var d3);
        Avx512F.MaskStore(dst, store, a0 - c0);
        Avx512F.MaskStore(dst + ldx, store, a1 - c1);
        Avx512F.MaskStore(dst + (2 * ldx), store, a2 - c2);
        Avx512F.MaskStore(dst + (3 * ldx), store, a3 - c3);
        Avx512F.MaskStore(dst + (4 * ldx), store, b0 + c0);
        Avx512F.MaskStore(dst + (5 * ldx), store, b1 + c1);
        Avx512F.MaskStore(dst + (6 * ldx), store, b2 + c2);
        Avx512F.MaskStore(dst + (7 * ldx), store, b3 + c3);
        Avx512F.MaskStore(dst + (8 * ldx), store, c0 - b0);
        Avx512F.MaskStore(dst + (9 * ldx), store, c1 - b1);
        Avx512F.MaskStore(dst + (10 * ldx), store, c2 - b2);
        Avx512F.MaskStore(dst + (11 * ldx), store, c3 - b3);
        Avx512F.MaskStore(dst + (12 * ldx), store, b0 - d0);
        Avx512F.MaskStore(dst + (13 * ldx), store, b1 - d1);
        Avx512F.MaskStore(dst + (14 * ldx), store, b2 - d2);
        Avx512F.MaskStore(dst + (15 * ldx), store, b3 - d3);
    }

    // A patch row times B for 16 tiles: d_j of each lane is picked from the 16 floats at pa and the 16 at pb (columns
    // 0 and 1), or at pa + 2 and pb + 2 (columns 2 and 3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesB(float* pa, float* pb, Permutes index, out Vector512<float> e0, out Vector512<float> e1, out Vector512<float> e2, out Vector512<float> e3)
    {
        var l = Vector512.Load(pa);
        var u = Vector512.Load(pb);
        var l2 = Vector512.Load(pa + 2);
        var u2 = Vector512.Load(pb + 2);
        var d0 = Avx512F.PermuteVar16x32x2(l, index.Even, u);
        var d1 = Avx512F.PermuteVar16x32x2(l, index.Odd, u);
        var d2 = Avx512F.PermuteVar16x32x2(l2, index.Even, u2);
        var d3 = Avx512F.PermuteVar16x32x2(l2, index.Odd, u2);
        e0 = d0 - d2;
        e1 = d1 + d2;
        e2 = d2 - d1;
        e3 = d1 - d3;
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
        var masks = stackalloc Vector512<int>[16];
        var iota = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (int vt = 0; vt < count; vt += 16)
        {
            // Segment i: the lanes of sample n's tiles (masks[i]), and where lane 0 would be in o0's plane of n (bases[i]).
            int t = t0 + vt, lanes = Math.Min(16, count - vt), segments = 0;
            for (int lane = 0; lane < lanes; segments++)
            {
                int n = (t + lane) / s.PerSample, next = Math.Min(lanes, ((n + 1) * s.PerSample) - t);
                bases[segments] = ((long)n * (s.O - 1) * s.PerSample) + t + ((long)o0 * s.PerSample);
                masks[segments] = Vector512.GreaterThanOrEqual(iota, Vector512.Create(lane)) & Vector512.LessThan(iota, Vector512.Create(next));
                lane = next;
            }

            for (int r = 0; r < Or; r++)
            {
                Pool(m + (r * Tr) + vt, bias[r], out var max, out var code);
                var bytes = Avx512F.ConvertToVector128Byte(code);
                long plane = (long)r * s.PerSample;
                for (int i = 0; i < segments; i++)
                {
                    long at = bases[i] + plane;
                    Avx512F.MaskStore(pooled + at, masks[i].AsSingle(), max);
                    Avx512BW.VL.MaskStore(winners + at, Avx512F.ConvertToVector128Byte(masks[i].AsUInt32()), bytes);
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
}
