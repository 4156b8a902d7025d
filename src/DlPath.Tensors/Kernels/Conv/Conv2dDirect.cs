using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// Direct float32 convolution for stride 1, dilation 1, one group (the CNN's 3x3 "same" layers), as an implicit
/// GEMM: no column matrix. Each sample's input is copied once into zero-padded planes of width Wp = W + 2pw;
/// on that layout tap (c, i, j) of output position p = oy*Wp + ox is the input at p + c*Hp*Wp + i*Wp + j, one
/// constant offset per tap, so the micro-kernel reads its B operand straight from the padded planes:
/// <code>
///   ypad[o, p] = b[o] + sum over taps t of w[o, t] * xpad[p + offset[t]]     (8 channels x 48 or 32 positions per tile)
/// </code>
/// Output columns ox &gt;= Ow of the padded grid are computed and dropped. The input gradient of such a
/// convolution is the same operation on dy with the kernel flipped and in/out channels swapped (see
/// <see cref="FlipWeights"/>), so both run here. Twin: <see cref="Conv2dReference"/>.
/// </summary>
internal static unsafe partial class Conv2dDirect
{
    private const int Mr = 8;   // output channels per tile
    private const int Nr = 32;  // output positions per tile (two Vector512)
    private const int WideNr = 48; // output positions per wide tile (three Vector512)
    private const int WoR = 4;  // output channels per weight-gradient tile
    private const int WtR = 6;  // taps per weight-gradient tile
    private const int PartsPerCore = 4;
    private const int SampleBlock = 8; // samples a weight-gradient tile runs over before it reduces its sums

    /// <summary>Whether the direct kernel handles this float32 problem on this CPU.</summary>
    public static bool Suits(Im2ColGeometry g, int groups) =>
        Avx512F.IsSupported && groups == 1 && g.Sh == 1 && g.Sw == 1 && g.Dh == 1 && g.Dw == 1
        && g.Ph < g.Kh && g.Pw < g.Kw && g.Kw < Nr && g.Oh > 0 && g.Ow > 0;

    /// <summary>y (N, O, Oh, Ow) = conv(x (N, C, H, W), w (O, C, kh, kw)) + bias; every element of y is written.</summary>
    public static void Forward(float[] x, int xOffset, float[] w, int wOffset, float[]? bias, int biasOffset, float[] y, Im2ColGeometry g, int outChannels)
    {
        fixed (float* py = y)
        {
            nint ya = (nint)py;
            int o = outChannels, wp = g.W + (2 * g.Pw);

            // Keep the valid columns of the padded grid: rows of Ow out of every Wp.
            ForwardBlocks(x, xOffset, w, wOffset, bias, biasOffset, g, o, (n, first, rows, tile, ldy) =>
            {
                for (int r = 0; r < rows; r++)
                {
                    float* src = tile + (r * ldy), dst = (float*)ya + ((((long)n * o) + first + r) * g.L);
                    for (int oy = 0; oy < g.Oh; oy++) CopyRow(src + (oy * wp), dst + (oy * g.Ow), g.Ow);
                }
            });
        }
    }

    /// <summary>
    /// What the direct forward hands on per sample n and block of up to 8 output channels (first .. first + rows):
    /// row r of <paramref name="tile"/> (ldy floats apart) holds channel first + r on the padded grid, output row oy
    /// at oy * Wp with its Ow valid columns first. The tile is scratch: it is overwritten by the next block.
    /// </summary>
    private delegate void BlockSink(int n, int first, int rows, float* tile, int ldy);

    // The direct forward's loop: per sample, the padded planes once, then every block of 8 output channels in tiles
    // of the padded grid, handed to the sink (which keeps what it needs) before the next block overwrites them.
    private static void ForwardBlocks(float[] x, int xOffset, float[] w, int wOffset, float[]? bias, int biasOffset, Im2ColGeometry g, int outChannels, BlockSink sink)
    {
        int o = outChannels, k = g.C * g.Kh * g.Kw, blocks = (o + Mr - 1) / Mr;

        // W packed per block of 8 channels as [tap][channel]: the micro-kernel broadcasts 8 consecutive floats per tap.
        using var packed = ScratchBuffer<float>.Rent(blocks * k * Mr, clear: true);
        using var b = ScratchBuffer<float>.Rent(blocks * Mr, clear: true);
        for (int oc = 0; oc < o; oc++)
        {
            for (int t = 0; t < k; t++) packed.Array[(((oc / Mr * k) + t) * Mr) + (oc % Mr)] = w[wOffset + (oc * k) + t];
            if (bias is not null) b.Array[oc] = bias[biasOffset + oc];
        }

        int hp = g.H + (2 * g.Ph), wp = g.W + (2 * g.Pw), positions = g.Oh * wp;

        // Tiles of 48 positions, the rest (up to 32) in one tile of 32; a remainder over 32 takes one more tile of 48.
        int wide = positions / WideNr, rest = positions - (wide * WideNr);
        if (rest > Nr) (wide, rest) = (wide + 1, 0);
        int cover = (wide * WideNr) + (rest > 0 ? Nr : 0);

        // The last tile reads up to 47 positions past the grid, plus the largest tap offset: slack keeps it inside.
        int planeIn = g.C * hp * wp, xpadLength = planeIn + cover - positions + WideNr;
        var offsets = new int[k];
        for (int c = 0, t = 0; c < g.C; c++)
        {
            for (int i = 0; i < g.Kh; i++)
            {
                for (int j = 0; j < g.Kw; j++) offsets[t++] = (c * hp * wp) + (i * wp) + j;
            }
        }

        // A few parts per core rather than one: on a shared machine a thread that loses its core for a while then
        // leaves its remaining parts to the others instead of holding up the whole call.
        int parts = (long)g.N * o * k * g.L < 1 << 16 ? 1 : Math.Min(g.N, PartsPerCore * Environment.ProcessorCount);
        float[] pw = packed.Array, pb = b.Array;
        void Part(int part)
        {
            // Zero when first made: the border and the slack are never written, also from one call to the next.
            using var xpad = PaddedScratch.Rent(new PaddedLayout(1, g with { N = 0 }, o, xpadLength + 16));
            using var ypad = ScratchBuffer<float>.Rent((Mr * cover) + 16);
            fixed (int* pOff = offsets)
            fixed (float* pPacked = pw, pBias = pb, pY0 = ypad.Array)
            {
                // The planes start on a 64-byte boundary: where rows are a multiple of 16 floats (the CNN's 14x14 layers
                // padded to 16x16) the unshifted taps load without splitting a line.
                float* px = xpad.Pointer, pY = Align64(pY0);
                var xs = new Span<float>(px, xpadLength);
                for (int n = g.N * part / parts, end = g.N * (part + 1) / parts; n < end; n++)
                {
                    PadSample(x, xOffset + (n * g.C * g.H * g.W), xs, g, hp, wp);
                    for (int blk = 0; blk < blocks; blk++)
                    {
                        float* wBlock = pPacked + (blk * k * Mr), bBlock = pBias + (blk * Mr);
                        for (int tile = 0; tile < wide; tile++)
                        {
                            WideTile(px + (tile * WideNr), wBlock, pOff, k, bBlock, pY + (tile * WideNr), cover);
                        }

                        if (rest > 0) Tile(px + (wide * WideNr), wBlock, pOff, k, bBlock, pY + (wide * WideNr), cover);
                        sink(n, blk * Mr, Math.Min(Mr, o - (blk * Mr)), pY, cover);
                    }
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);
    }

    // dst[0, n) = src[0, n): whole vectors, then one masked store. The rows here are short (14 or 28 floats), where a
    // memmove call costs more than the copy. Shared with the other convolution kernels (Conv2dWinograd).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyRow(float* src, float* dst, int n)
    {
        int i = 0;
        for (; i + 16 <= n; i += 16) Vector512.Store(Vector512.Load(src + i), dst + i);
        if (i < n)
        {
            var m = LaneMask(n - i);
            Avx512F.MaskStore(dst + i, m, Avx512F.MaskLoad(src + i, m, Vector512<float>.Zero));
        }
    }

    // All-ones in lanes [0, n), zero above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LaneMask(int n) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(n)).AsSingle();

    /// <summary>
    /// The input gradient dx (N, C, H, W) of y = conv(x, w) for dy (N, O, Oh, Ow): the convolution of dy with
    /// w flipped in both spatial dims and its channel axes swapped, padded by (kh - 1 - ph, kw - 1 - pw).
    /// Every element of dx is written.
    /// </summary>
    public static void InputGrad(float[] dy, int dyOffset, float[] w, int wOffset, float[] dx, Im2ColGeometry g, int outChannels)
    {
        using var flipped = ScratchBuffer<float>.Rent(outChannels * g.C * g.Kh * g.Kw);
        FlipWeights(w, wOffset, flipped.Array, outChannels, g.C, g.Kh, g.Kw);
        var gt = new Im2ColGeometry(g.N, outChannels, g.Oh, g.Ow, g.Kh, g.Kw, 1, 1, g.Kh - 1 - g.Ph, g.Kw - 1 - g.Pw, 1, 1);
        Forward(dy, dyOffset, flipped.Array, 0, null, 0, dx, gt, g.C);
    }

    /// <summary>
    /// dW (O, C, kh, kw) = sum over samples and positions of dy[n, o, p] x[n, c, p + tap], and db (O) = the sums of dy;
    /// both overwritten (db may be null). dy is laid out on the same padded grid as x (zeros in the dropped columns)
    /// one sample at a time, so tap t of every position is again one constant offset into the padded planes.
    /// </summary>
    public static void WeightGrad(float[] x, int xOffset, float[] dy, int dyOffset, float[] dw, float[]? db, Im2ColGeometry g, int outChannels)
    {
        int o = outChannels, k = g.C * g.Kh * g.Kw, oBlocks = (o + WoR - 1) / WoR, tBlocks = (k + WtR - 1) / WtR;
        int hp = g.H + (2 * g.Ph), wp = g.W + (2 * g.Pw), positions = g.Oh * wp, padded = (positions + 15) / 16 * 16;
        int planeIn = g.C * hp * wp, xpadLength = planeIn + padded - positions + Nr;

        // Taps past K (the last block) read offset 0 and their sums are dropped.
        var offsets = new int[tBlocks * WtR];
        for (int c = 0, t = 0; c < g.C; c++)
        {
            for (int i = 0; i < g.Kh; i++)
            {
                for (int j = 0; j < g.Kw; j++) offsets[t++] = (c * hp * wp) + (i * wp) + j;
            }
        }

        int parts = Math.Min(g.N, PartsPerCore * Environment.ProcessorCount), partLength = (oBlocks * WoR * tBlocks * WtR) + o;
        using var partial = ScratchBuffer<float>.Rent(parts * partLength, clear: true);
        float[] pa = partial.Array;
        int dyLength = oBlocks * WoR * padded;
        void Part(int part)
        {
            // A block of samples is padded side by side (a few hundred KiB, inside L2), then every tile runs over
            // all of them before its partial sums are reduced.
            using var xpad = ScratchBuffer<float>.Rent(SampleBlock * xpadLength, clear: true);
            using var dypad = ScratchBuffer<float>.Rent(SampleBlock * dyLength, clear: true);
            int ldw = tBlocks * WtR, dbAt = (part * partLength) + (oBlocks * WoR * ldw);
            for (int n0 = g.N * part / parts, end = g.N * (part + 1) / parts; n0 < end; n0 += SampleBlock)
            {
                int count = Math.Min(SampleBlock, end - n0);
                for (int s = 0; s < count; s++)
                {
                    int n = n0 + s;
                    PadSample(x, xOffset + (n * g.C * g.H * g.W), xpad.Array.AsSpan(s * xpadLength, xpadLength), g, hp, wp);
                    var dys = dypad.Array.AsSpan(s * dyLength, dyLength);
                    for (int oc = 0; oc < o; oc++)
                    {
                        var row = dy.AsSpan(dyOffset + (((n * o) + oc) * g.L), g.L);
                        fixed (float* pr = row) pa[dbAt + oc] += RowSum(pr, g.L);
                        for (int oy = 0; oy < g.Oh; oy++) row.Slice(oy * g.Ow, g.Ow).CopyTo(dys.Slice((oc * padded) + (oy * wp), g.Ow));
                    }
                }

                fixed (int* pOff = offsets)
                fixed (float* px = xpad.Array, pd = dypad.Array, pw = pa)
                {
                    for (int ob = 0; ob < oBlocks; ob++)
                    {
                        for (int tb = 0; tb < tBlocks; tb++)
                        {
                            WeightTile(pd + (ob * WoR * padded), padded, dyLength, px, xpadLength, pOff + (tb * WtR), padded, count,
                                pw + (part * partLength) + (ob * WoR * ldw) + (tb * WtR), ldw);
                        }
                    }
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);
        var sum = pa.AsSpan(0, partLength);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(sum, pa.AsSpan(p * partLength, partLength), sum);
        int stride = tBlocks * WtR;
        for (int oc = 0; oc < o; oc++) sum.Slice(oc * stride, k).CopyTo(dw.AsSpan(oc * k, k));
        if (db is not null) sum.Slice(oBlocks * WoR * stride, o).CopyTo(db);
    }

    /// <summary>wf[c, o, i, j] = w[o, c, kh-1-i, kw-1-j]: the kernel of the transposed convolution.</summary>
    internal static void FlipWeights(float[] w, int wOffset, float[] wf, int o, int c, int kh, int kw)
    {
        for (int oc = 0; oc < o; oc++)
        {
            for (int ic = 0; ic < c; ic++)
            {
                for (int i = 0; i < kh; i++)
                {
                    for (int j = 0; j < kw; j++)
                    {
                        wf[(((((ic * o) + oc) * kh) + i) * kw) + j] = w[wOffset + (((((oc * c) + ic) * kh) + (kh - 1 - i)) * kw) + (kw - 1 - j)];
                    }
                }
            }
        }
    }

    // The first 64-byte boundary at or after p (the buffer holds 16 floats of slack for it).
    internal static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);

    // One sample's planes into the zero-padded layout; the border and the slack stay zero from the first clear.
    private static void PadSample(float[] x, int offset, Span<float> xpad, Im2ColGeometry g, int hp, int wp)
    {
        // Pointer copies below: the bounds the spans would have checked are checked once here.
        if (offset + (g.C * g.H * g.W) > x.Length || xpad.Length < g.C * hp * wp) throw new InvalidOperationException("conv2d: sample or padded planes out of range");
        fixed (float* src = &x[offset], dst = xpad)
        {
            for (int c = 0; c < g.C; c++)
            {
                for (int iy = 0; iy < g.H; iy++) CopyRow(src + (((c * g.H) + iy) * g.W), dst + (c * hp * wp) + ((iy + g.Ph) * wp) + g.Pw, g.W);
            }
        }
    }

    // 8 output channels x 48 positions: 24 accumulators, per tap three loads of x and eight broadcasts of w, so the
    // loads and the loop's bookkeeping weigh half as much per FMA as in the 32-wide tile. Rows of the result are ldy apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WideTile(float* x, float* w, int* offsets, int k, float* bias, float* y, int ldy)
    {
        var c00 = Vector512.Create(bias[0]);
        var c10 = Vector512.Create(bias[1]);
        var c20 = Vector512.Create(bias[2]);
        var c30 = Vector512.Create(bias[3]);
        var c40 = Vector512.Create(bias[4]);
        var c50 = Vector512.Create(bias[5]);
        var c60 = Vector512.Create(bias[6]);
        var c70 = Vector512.Create(bias[7]);
        Vector512<float> c01 = c00, c02 = c00;
        Vector512<float> c11 = c10, c12 = c10;
        Vector512<float> c21 = c20, c22 = c20;
        Vector512<float> c31 = c30, c32 = c30;
        Vector512<float> c41 = c40, c42 = c40;
        Vector512<float> c51 = c50, c52 = c50;
        Vector512<float> c61 = c60, c62 = c60;
        Vector512<float> c71 = c70, c72 = c70;
        for (int t = 0; t < k; t++)
        {
            float* xt = x + offsets[t];
            var a0 = Vector512.Load(xt);
            var a1 = Vector512.Load(xt + 16);
            var a2 = Vector512.Load(xt + 32);
            float* wt = w + (t * Mr);
            var b = Vector512.Create(wt[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b, c00);
            c01 = Avx512F.FusedMultiplyAdd(a1, b, c01);
            c02 = Avx512F.FusedMultiplyAdd(a2, b, c02);
            b = Vector512.Create(wt[1]);
            c10 = Avx512F.FusedMultiplyAdd(a0, b, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b, c11);
            c12 = Avx512F.FusedMultiplyAdd(a2, b, c12);
            b = Vector512.Create(wt[2]);
            c20 = Avx512F.FusedMultiplyAdd(a0, b, c20);
            c21 = Avx512F.FusedMultiplyAdd(a1, b, c21);
            c22 = Avx512F.FusedMultiplyAdd(a2, b, c22);
            b = Vector512.Create(wt[3]);
            c30 = Avx512F.FusedMultiplyAdd(a0, b, c30);
            c31 = Avx512F.FusedMultiplyAdd(a1, b, c31);
            c32 = Avx512F.FusedMultiplyAdd(a2, b, c32);
            b = Vector512.Create(wt[4]);
            c40 = Avx512F.FusedMultiplyAdd(a0, b, c40);
            c41 = Avx512F.FusedMultiplyAdd(a1, b, c41);
            c42 = Avx512F.FusedMultiplyAdd(a2, b, c42);
            b = Vector512.Create(wt[5]);
            c50 = Avx512F.FusedMultiplyAdd(a0, b, c50);
            c51 = Avx512F.FusedMultiplyAdd(a1, b, c51);
            c52 = Avx512F.FusedMultiplyAdd(a2, b, c52);
            b = Vector512.Create(wt[6]);
            c60 = Avx512F.FusedMultiplyAdd(a0, b, c60);
            c61 = Avx512F.FusedMultiplyAdd(a1, b, c61);
            c62 = Avx512F.FusedMultiplyAdd(a2, b, c62);
            b = Vector512.Create(wt[7]);
            c70 = Avx512F.FusedMultiplyAdd(a0, b, c70);
            c71 = Avx512F.FusedMultiplyAdd(a1, b, c71);
            c72 = Avx512F.FusedMultiplyAdd(a2, b, c72);
        }

        c00.Store(y);
        c01.Store(y + 16);
        c02.Store(y + 32);
        c10.Store(y + ldy);
        c11.Store(y + ldy + 16);
        c12.Store(y + ldy + 32);
        c20.Store(y + (2 * ldy));
        c21.Store(y + (2 * ldy) + 16);
        c22.Store(y + (2 * ldy) + 32);
        c30.Store(y + (3 * ldy));
        c31.Store(y + (3 * ldy) + 16);
        c32.Store(y + (3 * ldy) + 32);
        c40.Store(y + (4 * ldy));
        c41.Store(y + (4 * ldy) + 16);
        c42.Store(y + (4 * ldy) + 32);
        c50.Store(y + (5 * ldy));
        c51.Store(y + (5 * ldy) + 16);
        c52.Store(y + (5 * ldy) + 32);
        c60.Store(y + (6 * ldy));
        c61.Store(y + (6 * ldy) + 16);
        c62.Store(y + (6 * ldy) + 32);
        c70.Store(y + (7 * ldy));
        c71.Store(y + (7 * ldy) + 16);
        c72.Store(y + (7 * ldy) + 32);
    }

    // 8 output channels x 32 positions: 16 accumulators, per tap two loads of x and eight broadcasts of w. Rows of
    // the result are ldy apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(float* x, float* w, int* offsets, int k, float* bias, float* y, int ldy)
    {
        var c00 = Vector512.Create(bias[0]);
        var c10 = Vector512.Create(bias[1]);
        var c20 = Vector512.Create(bias[2]);
        var c30 = Vector512.Create(bias[3]);
        var c40 = Vector512.Create(bias[4]);
        var c50 = Vector512.Create(bias[5]);
        var c60 = Vector512.Create(bias[6]);
        var c70 = Vector512.Create(bias[7]);
        Vector512<float> c01 = c00, c11 = c10, c21 = c20, c31 = c30, c41 = c40, c51 = c50, c61 = c60, c71 = c70;
        for (int t = 0; t < k; t++)
        {
            float* xt = x + offsets[t];
            var a0 = Vector512.Load(xt);
            var a1 = Vector512.Load(xt + 16);
            float* wt = w + (t * Mr);
            var b = Vector512.Create(wt[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b, c00);
            c01 = Avx512F.FusedMultiplyAdd(a1, b, c01);
            b = Vector512.Create(wt[1]);
            c10 = Avx512F.FusedMultiplyAdd(a0, b, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b, c11);
            b = Vector512.Create(wt[2]);
            c20 = Avx512F.FusedMultiplyAdd(a0, b, c20);
            c21 = Avx512F.FusedMultiplyAdd(a1, b, c21);
            b = Vector512.Create(wt[3]);
            c30 = Avx512F.FusedMultiplyAdd(a0, b, c30);
            c31 = Avx512F.FusedMultiplyAdd(a1, b, c31);
            b = Vector512.Create(wt[4]);
            c40 = Avx512F.FusedMultiplyAdd(a0, b, c40);
            c41 = Avx512F.FusedMultiplyAdd(a1, b, c41);
            b = Vector512.Create(wt[5]);
            c50 = Avx512F.FusedMultiplyAdd(a0, b, c50);
            c51 = Avx512F.FusedMultiplyAdd(a1, b, c51);
            b = Vector512.Create(wt[6]);
            c60 = Avx512F.FusedMultiplyAdd(a0, b, c60);
            c61 = Avx512F.FusedMultiplyAdd(a1, b, c61);
            b = Vector512.Create(wt[7]);
            c70 = Avx512F.FusedMultiplyAdd(a0, b, c70);
            c71 = Avx512F.FusedMultiplyAdd(a1, b, c71);
        }

        c00.Store(y);
        c01.Store(y + 16);
        c10.Store(y + ldy);
        c11.Store(y + ldy + 16);
        c20.Store(y + (2 * ldy));
        c21.Store(y + (2 * ldy) + 16);
        c30.Store(y + (3 * ldy));
        c31.Store(y + (3 * ldy) + 16);
        c40.Store(y + (4 * ldy));
        c41.Store(y + (4 * ldy) + 16);
        c50.Store(y + (5 * ldy));
        c51.Store(y + (5 * ldy) + 16);
        c60.Store(y + (6 * ldy));
        c61.Store(y + (6 * ldy) + 16);
        c70.Store(y + (7 * ldy));
        c71.Store(y + (7 * ldy) + 16);
    }

    // dW tile of 4 output channels x 6 taps over the positions [0, positions) of <paramref name="count"/> samples
    // (dy and x of sample s at s * dyStride and s * xStride): 24 accumulators, per 16 positions four loads of dy and
    // six of x. Each accumulator holds 16 partial sums, added up once per block of samples.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightTile(float* dy, int ldd, int dyStride, float* x, int xStride, int* offsets, int positions, int count, float* dw, int ldw)
    {
        var c00 = Vector512<float>.Zero;
        var c01 = Vector512<float>.Zero;
        var c02 = Vector512<float>.Zero;
        var c03 = Vector512<float>.Zero;
        var c04 = Vector512<float>.Zero;
        var c05 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero;
        var c11 = Vector512<float>.Zero;
        var c12 = Vector512<float>.Zero;
        var c13 = Vector512<float>.Zero;
        var c14 = Vector512<float>.Zero;
        var c15 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero;
        var c21 = Vector512<float>.Zero;
        var c22 = Vector512<float>.Zero;
        var c23 = Vector512<float>.Zero;
        var c24 = Vector512<float>.Zero;
        var c25 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero;
        var c31 = Vector512<float>.Zero;
        var c32 = Vector512<float>.Zero;
        var c33 = Vector512<float>.Zero;
        var c34 = Vector512<float>.Zero;
        var c35 = Vector512<float>.Zero;
        for (int s = 0; s < count; s++)
        {
            float* dys = dy + ((long)s * dyStride), xs = x + ((long)s * xStride);
            float* x0p = xs + offsets[0];
            float* x1p = xs + offsets[1];
            float* x2p = xs + offsets[2];
            float* x3p = xs + offsets[3];
            float* x4p = xs + offsets[4];
            float* x5p = xs + offsets[5];
            for (int p = 0; p < positions; p += 16)
            {
                var d0 = Vector512.Load(dys + (0 * ldd) + p);
                var d1 = Vector512.Load(dys + (1 * ldd) + p);
                var d2 = Vector512.Load(dys + (2 * ldd) + p);
                var d3 = Vector512.Load(dys + (3 * ldd) + p);
                var x0 = Vector512.Load(x0p + p);
                c00 = Avx512F.FusedMultiplyAdd(d0, x0, c00);
                c10 = Avx512F.FusedMultiplyAdd(d1, x0, c10);
                c20 = Avx512F.FusedMultiplyAdd(d2, x0, c20);
                c30 = Avx512F.FusedMultiplyAdd(d3, x0, c30);
                var x1 = Vector512.Load(x1p + p);
                c01 = Avx512F.FusedMultiplyAdd(d0, x1, c01);
                c11 = Avx512F.FusedMultiplyAdd(d1, x1, c11);
                c21 = Avx512F.FusedMultiplyAdd(d2, x1, c21);
                c31 = Avx512F.FusedMultiplyAdd(d3, x1, c31);
                var x2 = Vector512.Load(x2p + p);
                c02 = Avx512F.FusedMultiplyAdd(d0, x2, c02);
                c12 = Avx512F.FusedMultiplyAdd(d1, x2, c12);
                c22 = Avx512F.FusedMultiplyAdd(d2, x2, c22);
                c32 = Avx512F.FusedMultiplyAdd(d3, x2, c32);
                var x3 = Vector512.Load(x3p + p);
                c03 = Avx512F.FusedMultiplyAdd(d0, x3, c03);
                c13 = Avx512F.FusedMultiplyAdd(d1, x3, c13);
                c23 = Avx512F.FusedMultiplyAdd(d2, x3, c23);
                c33 = Avx512F.FusedMultiplyAdd(d3, x3, c33);
                var x4 = Vector512.Load(x4p + p);
                c04 = Avx512F.FusedMultiplyAdd(d0, x4, c04);
                c14 = Avx512F.FusedMultiplyAdd(d1, x4, c14);
                c24 = Avx512F.FusedMultiplyAdd(d2, x4, c24);
                c34 = Avx512F.FusedMultiplyAdd(d3, x4, c34);
                var x5 = Vector512.Load(x5p + p);
                c05 = Avx512F.FusedMultiplyAdd(d0, x5, c05);
                c15 = Avx512F.FusedMultiplyAdd(d1, x5, c15);
                c25 = Avx512F.FusedMultiplyAdd(d2, x5, c25);
                c35 = Avx512F.FusedMultiplyAdd(d3, x5, c35);
            }
        }

        dw[(0 * ldw) + 0] += Vector512.Sum(c00);
        dw[(0 * ldw) + 1] += Vector512.Sum(c01);
        dw[(0 * ldw) + 2] += Vector512.Sum(c02);
        dw[(0 * ldw) + 3] += Vector512.Sum(c03);
        dw[(0 * ldw) + 4] += Vector512.Sum(c04);
        dw[(0 * ldw) + 5] += Vector512.Sum(c05);
        dw[(1 * ldw) + 0] += Vector512.Sum(c10);
        dw[(1 * ldw) + 1] += Vector512.Sum(c11);
        dw[(1 * ldw) + 2] += Vector512.Sum(c12);
        dw[(1 * ldw) + 3] += Vector512.Sum(c13);
        dw[(1 * ldw) + 4] += Vector512.Sum(c14);
        dw[(1 * ldw) + 5] += Vector512.Sum(c15);
        dw[(2 * ldw) + 0] += Vector512.Sum(c20);
        dw[(2 * ldw) + 1] += Vector512.Sum(c21);
        dw[(2 * ldw) + 2] += Vector512.Sum(c22);
        dw[(2 * ldw) + 3] += Vector512.Sum(c23);
        dw[(2 * ldw) + 4] += Vector512.Sum(c24);
        dw[(2 * ldw) + 5] += Vector512.Sum(c25);
        dw[(3 * ldw) + 0] += Vector512.Sum(c30);
        dw[(3 * ldw) + 1] += Vector512.Sum(c31);
        dw[(3 * ldw) + 2] += Vector512.Sum(c32);
        dw[(3 * ldw) + 3] += Vector512.Sum(c33);
        dw[(3 * ldw) + 4] += Vector512.Sum(c34);
        dw[(3 * ldw) + 5] += Vector512.Sum(c35);
    }
}
