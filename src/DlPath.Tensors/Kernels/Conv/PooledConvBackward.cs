using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// The backward of conv → ReLU → 2x2 max pooling (the CNN's conv blocks) straight from the pooled gradient, over the
/// windows' winners only. Max pooling hands each window's gradient to one cell (or to none where ReLU cut it), so
/// the convolution's output gradient is at least three quarters zeros; the dense backward multiplies all of them.
/// Here every live cell adds its gradient times the input patch it saw to dW, and times the weights to the input
/// patch of dx: a quarter of the multiplications or fewer, and none of them on a dead window's zeros.
/// </summary>
/// <remarks>
/// <para>
/// Per sample, x is laid out channel-last and padded (<c>[Hp][Wp][Cp]</c>, Cp = C rounded up to 16), so the patch at
/// one position and tap is a run of Cp floats: a cell's contribution to dW is one multiply-add per tap and vector
/// of channels, with the weight gradient of its output channel held in registers while the cell list of that
/// channel streams past. dx is accumulated the same way into a channel-last buffer (one read-modify-write per
/// multiply-add: bound by stores) and transposed back. The partial sums of dW and db (one set per part of the batch)
/// are added at the end. On the CNN's second block (N 128, C 32, O 64, 14x14) this backward took ~3.5-5 ms on two
/// cores where the dense one took ~9.6 ms.
/// </para>
/// <para>
/// The sums are those of the dense backward less its zero terms, in another order: equal up to rounding (exactly
/// equal where every product and sum is exact, e.g. small integers). Unlike the dense backward, a zero gradient
/// never meets an infinite input (0 x Inf = NaN there): where x holds ±Inf outside every winner's patch, dW stays
/// finite here, as the exact answer is.
/// </para>
/// <para><see cref="Conv2dReference.BackwardFromPooled{T}"/> is the same sum in plain loops.</para>
/// </remarks>
internal static unsafe class PooledConvBackward
{
    private const int Lanes = 16;
    private const int PartsPerCore = 4;

    /// <summary>
    /// Whether this kernel takes the layer: stride 1, dilation 1, one group, padding below the kernel, and enough
    /// input channels to fill most of a vector (the first layer of a network, one channel, stays dense).
    /// </summary>
    public static bool Suits(Im2ColGeometry g, int groups) =>
        Avx512F.IsSupported && groups == 1 && g.Sh == 1 && g.Sw == 1 && g.Dh == 1 && g.Dw == 1
        && g.Ph < g.Kh && g.Pw < g.Kw && g.C >= 8 && g.Oh >= 2 && g.Ow >= 2;

    /// <summary>
    /// dx (N, C, H, W), dW (O, C, Kh, Kw) and db (O) of <c>max_pool2d(relu(conv(x, w) + b), 2)</c>, from the pooled
    /// output's gradient <paramref name="g"/> (N, O, Oh / 2, Ow / 2) and the forward's winner bytes (same layout:
    /// 0..3 = top left, top right, bottom left, bottom right of the window, or <see cref="Conv2dDirect.NoWinner"/>).
    /// Each non-null output is overwritten.
    /// </summary>
    public static void Backward(float[] x, int xOffset, float[] w, int wOffset, float* g, byte* winners, float[]? dx, float[]? dw, float[]? db, Im2ColGeometry geometry, int outChannels)
    {
        var geo = new Layout(geometry);
        int o = outChannels;
        if (geometry.N == 0)
        {
            dw?.AsSpan(0, o * geo.C * geo.Taps).Clear();
            db?.AsSpan(0, o).Clear();
            return;
        }

        // The weights channel-last ([O][tap][Cp], zero past C) for dx.
        using var wt = ScratchBuffer<float>.Rent(dx is null ? 0 : o * geo.DwLength, clear: dx is not null);
        if (dx is not null)
        {
            for (int oc = 0; oc < o; oc++)
            {
                for (int c = 0; c < geo.C; c++)
                {
                    for (int t = 0; t < geo.Taps; t++) wt.Array[(oc * geo.DwLength) + (t * geo.Cp) + c] = w[wOffset + (((oc * geo.C) + c) * geo.Taps) + t];
                }
            }
        }

        int parts = Math.Min(geometry.N, PartsPerCore * Environment.ProcessorCount);
        int partLength = (o * geo.DwLength) + o;
        using var partial = ScratchBuffer<float>.Rent(dw is null && db is null ? 0 : parts * partLength, clear: true);
        // Where each pooled window and each input position sit in the laid-out planes: the same for every sample.
        using var window = ScratchBuffer<int>.Rent(geo.Cells);
        using var positions = ScratchBuffer<int>.Rent(geo.H * geo.W);
        fixed (int* pWindow = window.Array, pPositions = positions.Array)
        {
            WindowOffsets(geo, pWindow);
            PositionOffsets(geo, pPositions);
        }

        nint ga = (nint)g, wa = (nint)winners;
        float[] pw = wt.Array, pp = partial.Array;
        int[] windows = window.Array, places = positions.Array;
        void Part(int part)
        {
            using var xt = ScratchBuffer<float>.Rent(dw is null ? 0 : geo.PlaneLength + Lanes, clear: true);
            using var dxt = ScratchBuffer<float>.Rent(dx is null ? 0 : geo.PlaneLength + Lanes, clear: true);
            using var offsets = ScratchBuffer<int>.Rent(o * geo.Cells);
            using var grads = ScratchBuffer<float>.Rent(o * geo.Cells);
            using var counts = ScratchBuffer<int>.Rent(o);
            fixed (float* pxt0 = xt.Array, pdxt0 = dxt.Array, pwt = pw, pPartial = pp, pg = grads.Array)
            fixed (int* pOff = offsets.Array, pCount = counts.Array, pWindow = windows, pPositions = places)
            {
                float* pxt = Conv2dDirect.Align64(pxt0), pdxt = Conv2dDirect.Align64(pdxt0);
                float* pdw = pPartial + (part * partLength), pdb = pdw + (o * geo.DwLength);
                for (int n = geometry.N * part / parts, end = geometry.N * (part + 1) / parts; n < end; n++)
                {
                    long pooled = (long)n * o * geo.Cells;
                    LiveCells((float*)ga + pooled, (byte*)wa + pooled, geo, o, pWindow, pOff, pg, pCount, db is null ? null : pdb);
                    if (dw is not null)
                    {
                        ToChannelLast(x, xOffset + (n * geo.C * geo.H * geo.W), geo, pPositions, pxt);
                        for (int oc = 0; oc < o; oc++)
                        {
                            WeightGrad(pxt, geo, pOff + (oc * geo.Cells), pg + (oc * geo.Cells), pCount[oc], pdw + (oc * geo.DwLength));
                        }
                    }

                    if (dx is not null)
                    {
                        for (int oc = 0; oc < o; oc++)
                        {
                            InputGrad(pdxt, geo, pOff + (oc * geo.Cells), pg + (oc * geo.Cells), pCount[oc], pwt + (oc * geo.DwLength));
                        }

                        FromChannelLast(pdxt, geo, pPositions, dx, n * geo.C * geo.H * geo.W);
                    }
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);

        if (dw is null && db is null) return;

        // The parts' channel-last sums into the first part's, then dW (O, C, Kh, Kw) and db from there.
        var total = pp.AsSpan(0, partLength);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(total, pp.AsSpan(p * partLength, partLength), total);
        for (int oc = 0; dw is not null && oc < o; oc++)
        {
            for (int c = 0; c < geo.C; c++)
            {
                for (int t = 0; t < geo.Taps; t++) dw[(((oc * geo.C) + c) * geo.Taps) + t] = pp[(oc * geo.DwLength) + (t * geo.Cp) + c];
            }
        }

        if (db is not null) total.Slice(o * geo.DwLength, o).CopyTo(db);
    }

    /// <summary>The sizes of one call: the padded channel-last plane, the taps, the pooled cells.</summary>
    private readonly struct Layout
    {
        public Layout(Im2ColGeometry g)
        {
            C = g.C;
            H = g.H;
            W = g.W;
            Kh = g.Kh;
            Kw = g.Kw;
            Ph = g.Ph;
            Pw = g.Pw;
            Cp = (g.C + Lanes - 1) / Lanes * Lanes;
            Wp = g.W + (2 * g.Pw);
            Hp = g.H + (2 * g.Ph);
            Taps = g.Kh * g.Kw;
            PooledH = g.Oh / 2;
            PooledW = g.Ow / 2;
            Cells = PooledH * PooledW;
            PlaneLength = Hp * Wp * Cp;
            DwLength = Taps * Cp;
        }

        public int C { get; }

        public int H { get; }

        public int W { get; }

        public int Kh { get; }

        public int Kw { get; }

        public int Ph { get; }

        public int Pw { get; }

        /// <summary>C rounded up to whole vectors.</summary>
        public int Cp { get; }

        public int Hp { get; }

        public int Wp { get; }

        public int Taps { get; }

        public int PooledH { get; }

        public int PooledW { get; }

        /// <summary>Pooled cells per output channel.</summary>
        public int Cells { get; }

        /// <summary>Floats of one channel-last padded plane.</summary>
        public int PlaneLength { get; }

        /// <summary>Floats of one output channel's weights (or weight gradient) channel-last: [tap][Cp].</summary>
        public int DwLength { get; }
    }

    // Per output channel, the cells whose window passed a gradient: the offset of the winner's input patch in the
    // channel-last plane, and the gradient. db takes the gradients' sum.
    // window: each cell's window's offset (WindowOffsets).
    private static void LiveCells(float* g, byte* winners, in Layout geo, int o, int* window, int* offsets, float* grads, int* counts, float* db)
    {
        // A patch's offset is its window's (the top left cell's) plus its slot's within the window. Slot 4 (no winner)
        // is never kept; its entry only keeps the table lookup in bounds.
        int cells = geo.Cells, wp = geo.Wp, cp = geo.Cp;
        int* slot = stackalloc int[] { 0, cp, wp * cp, (wp + 1) * cp, 0 };
        for (int oc = 0; oc < o; oc++)
        {
            float* gs = g + (oc * cells);
            byte* ws = winners + (oc * cells);
            int* off = offsets + (oc * cells);
            float* gr = grads + (oc * cells);
            int live = 0;
            for (int cell = 0; cell < cells; cell++)
            {
                // Written always and kept only if live: the winners are as good as random, a branch on them is not.
                int b = ws[cell];
                off[live] = window[cell] + slot[b];
                gr[live] = gs[cell];
                live += b == Conv2dDirect.NoWinner ? 0 : 1;
            }

            // Summed apart, in vectors (a chain of scalar adds cost more than the loop above): a gradient that is
            // not kept may be anything (NaN, Inf), and 0 * NaN is not 0.
            counts[oc] = live;
            if (db != null) db[oc] += TensorPrimitives.Sum(new ReadOnlySpan<float>(gr, live));
        }
    }

    // dw[tap][Cp] += g_i * xt[off_i + tap's offset], over the live cells of one output channel.
    private static void WeightGrad(float* xt, in Layout geo, int* offsets, float* grads, int live, float* dw)
    {
        if (live == 0) return;
        int cp = geo.Cp, row = geo.Wp * cp;
        for (int v = 0; v < cp; v += 2 * Lanes)
        {
            if (geo.Kh == 3 && geo.Kw == 3 && v + (2 * Lanes) <= cp)
            {
                WeightGrad3x3Pair(xt + v, row, cp, offsets, grads, live, dw + v);
                continue;
            }

            int width = Math.Min(2 * Lanes, cp - v);
            for (int ky = 0; ky < geo.Kh; ky++)
            {
                for (int kx = 0; kx < geo.Kw; kx++)
                {
                    int tap = (ky * row) + (kx * cp) + v;
                    float* acc = dw + (((ky * geo.Kw) + kx) * cp) + v;
                    for (int l = 0; l < width; l += Lanes)
                    {
                        var sum = Vector512.Load(acc + l);
                        for (int i = 0; i < live; i++) sum = Vector512.FusedMultiplyAdd(Vector512.Create(grads[i]), Vector512.Load(xt + offsets[i] + tap + l), sum);
                        sum.Store(acc + l);
                    }
                }
            }
        }
    }

    // The 3x3 case for 32 channels: the 18 vectors of this channel's dW stay in registers over all its live cells.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightGrad3x3Pair(float* xt, int row, int cp, int* offsets, float* grads, int live, float* dw)
    {
        float* r0 = dw, r1 = dw + (3 * cp), r2 = dw + (6 * cp);
        Vector512<float> a00 = Vector512.Load(r0), a01 = Vector512.Load(r0 + Lanes), a02 = Vector512.Load(r0 + cp), a03 = Vector512.Load(r0 + cp + Lanes), a04 = Vector512.Load(r0 + (2 * cp)), a05 = Vector512.Load(r0 + (2 * cp) + Lanes);
        Vector512<float> a10 = Vector512.Load(r1), a11 = Vector512.Load(r1 + Lanes), a12 = Vector512.Load(r1 + cp), a13 = Vector512.Load(r1 + cp + Lanes), a14 = Vector512.Load(r1 + (2 * cp)), a15 = Vector512.Load(r1 + (2 * cp) + Lanes);
        Vector512<float> a20 = Vector512.Load(r2), a21 = Vector512.Load(r2 + Lanes), a22 = Vector512.Load(r2 + cp), a23 = Vector512.Load(r2 + cp + Lanes), a24 = Vector512.Load(r2 + (2 * cp)), a25 = Vector512.Load(r2 + (2 * cp) + Lanes);
        for (int i = 0; i < live; i++)
        {
            var gv = Vector512.Create(grads[i]);
            float* p0 = xt + offsets[i], p1 = p0 + row, p2 = p1 + row;
            a00 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0), a00);
            a01 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0 + Lanes), a01);
            a02 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0 + cp), a02);
            a03 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0 + cp + Lanes), a03);
            a04 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0 + (2 * cp)), a04);
            a05 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p0 + (2 * cp) + Lanes), a05);
            a10 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1), a10);
            a11 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1 + Lanes), a11);
            a12 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1 + cp), a12);
            a13 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1 + cp + Lanes), a13);
            a14 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1 + (2 * cp)), a14);
            a15 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p1 + (2 * cp) + Lanes), a15);
            a20 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2), a20);
            a21 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2 + Lanes), a21);
            a22 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2 + cp), a22);
            a23 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2 + cp + Lanes), a23);
            a24 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2 + (2 * cp)), a24);
            a25 = Vector512.FusedMultiplyAdd(gv, Vector512.Load(p2 + (2 * cp) + Lanes), a25);
        }

        a00.Store(r0);
        a01.Store(r0 + Lanes);
        a02.Store(r0 + cp);
        a03.Store(r0 + cp + Lanes);
        a04.Store(r0 + (2 * cp));
        a05.Store(r0 + (2 * cp) + Lanes);
        a10.Store(r1);
        a11.Store(r1 + Lanes);
        a12.Store(r1 + cp);
        a13.Store(r1 + cp + Lanes);
        a14.Store(r1 + (2 * cp));
        a15.Store(r1 + (2 * cp) + Lanes);
        a20.Store(r2);
        a21.Store(r2 + Lanes);
        a22.Store(r2 + cp);
        a23.Store(r2 + cp + Lanes);
        a24.Store(r2 + (2 * cp));
        a25.Store(r2 + (2 * cp) + Lanes);
    }

    // dxt[off_i + tap's offset] += g_i * w[tap], over the live cells of one output channel (w channel-last, [tap][Cp]).
    private static void InputGrad(float* dxt, in Layout geo, int* offsets, float* grads, int live, float* w)
    {
        if (live == 0) return;
        int cp = geo.Cp, row = geo.Wp * cp;
        for (int v = 0; v < cp; v += 2 * Lanes)
        {
            if (geo.Kh == 3 && geo.Kw == 3 && v + (2 * Lanes) <= cp)
            {
                InputGrad3x3Pair(dxt + v, row, cp, offsets, grads, live, w + v);
                continue;
            }

            int width = Math.Min(2 * Lanes, cp - v);
            for (int ky = 0; ky < geo.Kh; ky++)
            {
                for (int kx = 0; kx < geo.Kw; kx++)
                {
                    int tap = (ky * row) + (kx * cp) + v;
                    float* wTap = w + (((ky * geo.Kw) + kx) * cp) + v;
                    for (int l = 0; l < width; l += Lanes)
                    {
                        var wv = Vector512.Load(wTap + l);
                        for (int i = 0; i < live; i++)
                        {
                            float* p = dxt + offsets[i] + tap + l;
                            Vector512.FusedMultiplyAdd(Vector512.Create(grads[i]), wv, Vector512.Load(p)).Store(p);
                        }
                    }
                }
            }
        }
    }

    // The 3x3 case for 32 channels: this output channel's 18 weight vectors stay in registers; each live cell adds
    // its gradient times them to its 3x3 patch (three runs of three positions).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InputGrad3x3Pair(float* dxt, int row, int cp, int* offsets, float* grads, int live, float* w)
    {
        float* r0 = w, r1 = w + (3 * cp), r2 = w + (6 * cp);
        Vector512<float> w00 = Vector512.Load(r0), w01 = Vector512.Load(r0 + Lanes), w02 = Vector512.Load(r0 + cp), w03 = Vector512.Load(r0 + cp + Lanes), w04 = Vector512.Load(r0 + (2 * cp)), w05 = Vector512.Load(r0 + (2 * cp) + Lanes);
        Vector512<float> w10 = Vector512.Load(r1), w11 = Vector512.Load(r1 + Lanes), w12 = Vector512.Load(r1 + cp), w13 = Vector512.Load(r1 + cp + Lanes), w14 = Vector512.Load(r1 + (2 * cp)), w15 = Vector512.Load(r1 + (2 * cp) + Lanes);
        Vector512<float> w20 = Vector512.Load(r2), w21 = Vector512.Load(r2 + Lanes), w22 = Vector512.Load(r2 + cp), w23 = Vector512.Load(r2 + cp + Lanes), w24 = Vector512.Load(r2 + (2 * cp)), w25 = Vector512.Load(r2 + (2 * cp) + Lanes);
        for (int i = 0; i < live; i++)
        {
            var gv = Vector512.Create(grads[i]);
            float* p0 = dxt + offsets[i], p1 = p0 + row, p2 = p1 + row;
            AddScaled(p0, gv, w00, w01, w02, w03, w04, w05, cp);
            AddScaled(p1, gv, w10, w11, w12, w13, w14, w15, cp);
            AddScaled(p2, gv, w20, w21, w22, w23, w24, w25, cp);
        }
    }

    // p[0 .. 3 cp) += g * (a, b | c, d | e, f): one kernel row of a 32-channel patch.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(float* p, Vector512<float> g, Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d, Vector512<float> e, Vector512<float> f, int cp)
    {
        Vector512.FusedMultiplyAdd(g, a, Vector512.Load(p)).Store(p);
        Vector512.FusedMultiplyAdd(g, b, Vector512.Load(p + Lanes)).Store(p + Lanes);
        Vector512.FusedMultiplyAdd(g, c, Vector512.Load(p + cp)).Store(p + cp);
        Vector512.FusedMultiplyAdd(g, d, Vector512.Load(p + cp + Lanes)).Store(p + cp + Lanes);
        Vector512.FusedMultiplyAdd(g, e, Vector512.Load(p + (2 * cp))).Store(p + (2 * cp));
        Vector512.FusedMultiplyAdd(g, f, Vector512.Load(p + (2 * cp) + Lanes)).Store(p + (2 * cp) + Lanes);
    }

    // The offset of each pooled cell's window (its top left cell's patch) in the channel-last plane.
    private static void WindowOffsets(in Layout geo, int* window)
    {
        for (int py = 0, cell = 0; py < geo.PooledH; py++)
        {
            for (int px = 0; px < geo.PooledW; px++, cell++) window[cell] = ((2 * py * geo.Wp) + (2 * px)) * geo.Cp;
        }
    }

    // Where each position of x (C, H, W), in (H, W) order, sits in the padded channel-last plane.
    private static void PositionOffsets(in Layout geo, int* positions)
    {
        for (int iy = 0, p = 0; iy < geo.H; iy++)
        {
            for (int ix = 0; ix < geo.W; ix++, p++) positions[p] = (((iy + geo.Ph) * geo.Wp) + ix + geo.Pw) * geo.Cp;
        }
    }

    // x (C, H, W) into the interior of the padded channel-last plane; the border and the channels past C stay zero.
    // Blocks of 16 channels x 16 positions go through a register transpose; the rest element by element.
    [SkipLocalsInit]
    private static void ToChannelLast(float[] x, int offset, in Layout geo, int* positions, float* xt)
    {
        int hw = geo.H * geo.W, c16 = geo.C / Lanes * Lanes, p16 = hw / Lanes * Lanes;
        var block = stackalloc Vector512<float>[Lanes];
        fixed (float* px = &x[offset])
        {
            for (int c0 = 0; c0 < c16; c0 += Lanes)
            {
                for (int p0 = 0; p0 < p16; p0 += Lanes)
                {
                    for (int i = 0; i < Lanes; i++) block[i] = Vector512.Load(px + ((c0 + i) * hw) + p0);
                    Transpose16(block);
                    for (int j = 0; j < Lanes; j++) block[j].Store(xt + positions[p0 + j] + c0);
                }

                for (int p = p16; p < hw; p++)
                {
                    for (int c = c0; c < c0 + Lanes; c++) xt[positions[p] + c] = px[(c * hw) + p];
                }
            }

            for (int p = 0; p < hw; p++)
            {
                for (int c = c16; c < geo.C; c++) xt[positions[p] + c] = px[(c * hw) + p];
            }
        }
    }

    // The interior of the channel-last dx plane into dx (C, H, W) at offset, leaving the whole plane zero for the next
    // sample: each position is cleared once read, and the border (which took the contributions that fall on the
    // padding) after; cheaper than a pass of its own before each sample.
    [SkipLocalsInit]
    private static void FromChannelLast(float* dxt, in Layout geo, int* positions, float[] dx, int offset)
    {
        int hw = geo.H * geo.W, cp = geo.Cp, c16 = geo.C / Lanes * Lanes, p16 = hw / Lanes * Lanes;
        var block = stackalloc Vector512<float>[Lanes];
        fixed (float* pdx = &dx[offset])
        {
            for (int c0 = 0; c0 < c16; c0 += Lanes)
            {
                for (int p0 = 0; p0 < p16; p0 += Lanes)
                {
                    for (int j = 0; j < Lanes; j++) block[j] = Vector512.Load(dxt + positions[p0 + j] + c0);
                    Transpose16(block);
                    for (int i = 0; i < Lanes; i++) block[i].Store(pdx + ((c0 + i) * hw) + p0);
                }

                for (int p = p16; p < hw; p++)
                {
                    for (int c = c0; c < c0 + Lanes; c++) pdx[(c * hw) + p] = dxt[positions[p] + c];
                }
            }

            for (int p = 0; p < hw; p++)
            {
                for (int c = c16; c < geo.C; c++) pdx[(c * hw) + p] = dxt[positions[p] + c];
                Zero(dxt + positions[p], cp);
            }
        }

        int row = geo.Wp * cp;
        Zero(dxt, geo.Ph * row);
        Zero(dxt + ((geo.Hp - geo.Ph) * row), geo.Ph * row);
        for (int iy = geo.Ph; iy < geo.Hp - geo.Ph; iy++)
        {
            Zero(dxt + (iy * row), geo.Pw * cp);
            Zero(dxt + (iy * row) + ((geo.Wp - geo.Pw) * cp), geo.Pw * cp);
        }
    }

    // p[0, n) = 0 for n a multiple of 16. Vector stores: these runs are short, and right after the vector stores of
    // InputGrad a memset call took ~8 % of the whole block's time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero(float* p, int n)
    {
        for (int i = 0; i < n; i += Lanes) Vector512<float>.Zero.Store(p + i);
    }

    // m (16 x 16, a vector per row) transposed in place: interleave floats, then pairs, then 128-bit quarters twice.
    // After the two unpack stages u[4r + k] holds, in its quarter q, column 4q + k of rows 4r .. 4r + 3; the quarter
    // shuffles gather the four quarters of each column. All in locals: written as loops over memory, the 64 shuffles
    // each went through a load and a store and took 3x as long.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose16(Vector512<float>* m)
    {
        Vector512<float> t0 = Avx512F.UnpackLow(m[0], m[1]), t1 = Avx512F.UnpackHigh(m[0], m[1]);
        Vector512<float> t2 = Avx512F.UnpackLow(m[2], m[3]), t3 = Avx512F.UnpackHigh(m[2], m[3]);
        Vector512<float> t4 = Avx512F.UnpackLow(m[4], m[5]), t5 = Avx512F.UnpackHigh(m[4], m[5]);
        Vector512<float> t6 = Avx512F.UnpackLow(m[6], m[7]), t7 = Avx512F.UnpackHigh(m[6], m[7]);
        Vector512<float> t8 = Avx512F.UnpackLow(m[8], m[9]), t9 = Avx512F.UnpackHigh(m[8], m[9]);
        Vector512<float> t10 = Avx512F.UnpackLow(m[10], m[11]), t11 = Avx512F.UnpackHigh(m[10], m[11]);
        Vector512<float> t12 = Avx512F.UnpackLow(m[12], m[13]), t13 = Avx512F.UnpackHigh(m[12], m[13]);
        Vector512<float> t14 = Avx512F.UnpackLow(m[14], m[15]), t15 = Avx512F.UnpackHigh(m[14], m[15]);
        Pairs(t0, t1, t2, t3, out var u0, out var u1, out var u2, out var u3);
        Pairs(t4, t5, t6, t7, out var u4, out var u5, out var u6, out var u7);
        Pairs(t8, t9, t10, t11, out var u8, out var u9, out var u10, out var u11);
        Pairs(t12, t13, t14, t15, out var u12, out var u13, out var u14, out var u15);
        Quarters(m, 0, u0, u4, u8, u12);
        Quarters(m, 1, u1, u5, u9, u13);
        Quarters(m, 2, u2, u6, u10, u14);
        Quarters(m, 3, u3, u7, u11, u15);
    }

    // The second stage for four rows: 64-bit interleaves of the first stage's float interleaves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pairs(Vector512<float> t0, Vector512<float> t1, Vector512<float> t2, Vector512<float> t3, out Vector512<float> u0, out Vector512<float> u1, out Vector512<float> u2, out Vector512<float> u3)
    {
        u0 = Avx512F.UnpackLow(t0.AsDouble(), t2.AsDouble()).AsSingle();
        u1 = Avx512F.UnpackHigh(t0.AsDouble(), t2.AsDouble()).AsSingle();
        u2 = Avx512F.UnpackLow(t1.AsDouble(), t3.AsDouble()).AsSingle();
        u3 = Avx512F.UnpackHigh(t1.AsDouble(), t3.AsDouble()).AsSingle();
    }

    // Columns k, 4 + k, 8 + k and 12 + k from the quarters of a (rows 0-3), b (4-7), c (8-11) and d (12-15).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quarters(Vector512<float>* m, int k, Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
    {
        var s0 = Avx512F.Shuffle4x128(a, b, 0x88);
        var s1 = Avx512F.Shuffle4x128(a, b, 0xDD);
        var s2 = Avx512F.Shuffle4x128(c, d, 0x88);
        var s3 = Avx512F.Shuffle4x128(c, d, 0xDD);
        m[k] = Avx512F.Shuffle4x128(s0, s2, 0x88);
        m[8 + k] = Avx512F.Shuffle4x128(s0, s2, 0xDD);
        m[4 + k] = Avx512F.Shuffle4x128(s1, s3, 0x88);
        m[12 + k] = Avx512F.Shuffle4x128(s1, s3, 0xDD);
    }
}
