using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// A direct convolution followed by ReLU and 2x2 / stride 2 max pooling (the CNN's conv blocks) without the
/// convolution's full-size output. The forward pools each tile of the convolution while it is still in cache and
/// keeps, per pooled cell, one byte: which cell of its window won (0..3 in scan order: top left, top right, bottom
/// left, bottom right) or <see cref="NoWinner"/> where the pooled value is not &gt; 0 and so no cell takes a gradient.
/// The backward turns the pooled gradient and those bytes back into the convolution's output gradient.
/// <para>
/// The values and gradients are those of the three ops in turn, bit for bit: the tiles are the plain forward's, the
/// pooling takes the max with <see cref="Vector512.Max{T}"/> (NaN wins) and then max(., 0) as ReLU does, and the
/// winner is the first cell in scan order equal to the window's max, the cell pooling's backward gives the gradient
/// to. A window whose max is NaN or not &gt; 0 passes none, as ReLU's derivative is 0 there.
/// </para>
/// </summary>
internal static unsafe partial class Conv2dDirect
{
    /// <summary>The winner byte of a window whose pooled output is not &gt; 0: no cell of it takes a gradient.</summary>
    public const byte NoWinner = 4;

    /// <summary>Whether this CPU runs the fused conv + ReLU + pool kernels (besides <see cref="Suits"/>): they mask byte loads and stores.</summary>
    public static bool SuitsReluPool => Avx512BW.VL.IsSupported;

    /// <summary>
    /// pooled (N, O, Oh / 2, Ow / 2) = max_pool2d(relu(conv(x, w) + bias), 2) and the winner byte of every pooled cell
    /// in <paramref name="winners"/> (same layout), for a geometry that <see cref="Suits"/>; both written in full.
    /// </summary>
    public static void ForwardReluPool2x2(float[] x, int xOffset, float[] w, int wOffset, float[]? bias, int biasOffset, float* pooled, byte* winners, Im2ColGeometry g, int outChannels)
    {
        int o = outChannels, wp = g.W + (2 * g.Pw), ph = g.Oh / 2, pw = g.Ow / 2;
        nint ya = (nint)pooled, wa = (nint)winners;
        ForwardBlocks(x, xOffset, w, wOffset, bias, biasOffset, g, o, (n, first, rows, tile, ldy) =>
        {
            long plane = (((long)n * o) + first) * ph * pw;
            PoolTile(tile, ldy, rows, wp, ph, pw, (float*)ya + plane, (byte*)wa + plane);
        });
    }

    /// <summary>
    /// dx (N, C, H, W), dW and db of the convolution for the pooled gradient <paramref name="g"/> and the forward's
    /// winners, with dy expanded straight into the direct backward's padded planes: never written out whole, nor
    /// read back. Handles dx + dW (+ db) of a 3x3 "same" layer and dW (+ db) without dx of any 3x3 layer; returns
    /// false for anything else, which the caller runs on <see cref="ExpandPooledGrad"/> and the general backward.
    /// </summary>
    public static bool TryBackwardFromPooled(float[] x, int xOffset, float[] w, int wOffset, float* g, byte* winners, float[]? dx, float[]? dw, float[]? db, Im2ColGeometry geometry, int outChannels)
    {
        var dy = DyPlanes.Pooled(g, winners);
        if (dx is not null && dw is not null && SuitsBackward3x3(geometry))
        {
            Backward3x3(x, xOffset, w, wOffset, dy, dx, dw, db, geometry, outChannels);
            return true;
        }

        if (dx is null && dw is not null && SuitsWeightGrad3x3(geometry))
        {
            WeightGrad3x3(x, xOffset, dy, dw, db, geometry, outChannels);
            return true;
        }

        return false;
    }

    /// <summary>
    /// dy (N, O, H, W), the gradient of the convolution's output, from the pooled output's gradient
    /// <paramref name="g"/> (N, O, H / 2, W / 2) and the forward's <paramref name="winners"/>: g at each window's
    /// winner, 0 at every other cell (and in a last odd row or column). Every element of dy is written.
    /// </summary>
    public static void ExpandPooledGrad(float* g, byte* winners, float* dy, int planes, int h, int w)
    {
        int ph = h / 2, pw = w / 2;
        nint ga = (nint)g, wa = (nint)winners, da = (nint)dy;
        void Range(int p0, int p1)
        {
            for (long p = p0; p < p1; p++)
            {
                float* d = (float*)da + (p * h * w);
                for (int py = 0; py < ph; py++)
                {
                    long at = (p * ph * pw) + (py * pw);
                    var unused = Vector512<float>.Zero;
                    ExpandRow((float*)ga + at, (byte*)wa + at, d + (2 * py * w), d + (((2 * py) + 1) * w), pw, ref unused);
                    for (int c = 2 * pw; c < w; c++) d[(2 * py * w) + c] = d[(((2 * py) + 1) * w) + c] = 0f;
                }

                if (2 * ph < h) new Span<float>(d + (2L * ph * w), w).Clear();
            }
        }

        int parts = (long)planes * h * w < 1 << 15 ? 1 : Math.Min(planes, PartsPerCore * Environment.ProcessorCount);
        if (parts == 1) Range(0, planes);
        else Cpu.KernelWorkers.For(parts, i => Range((int)((long)planes * i / parts), (int)((long)planes * (i + 1) / parts)));
    }

    // A dense dy plane onto padded rows; its sum is the row sum the plain backward has always taken (same order).
    internal static float PlaceDense(float* src, float* dst, int ld, int oh, int ow)
    {
        for (int oy = 0; oy < oh; oy++) CopyRow(src + (oy * ow), dst + (oy * ld), ow);
        return RowSum(src, oh * ow);
    }

    // A pooled plane expanded onto padded rows: the winners take the gradient, every other cell (a last odd row or
    // column too) is written 0, since the rows are reused sample after sample.
    internal static float PlacePooled(float* pooled, byte* winners, long plane, float* dst, int ld, int oh, int ow)
    {
        int ph = oh / 2, pw = ow / 2;
        long at = plane * ph * pw;
        var sum = Vector512<float>.Zero;
        for (int py = 0; py < ph; py++)
        {
            float* d0 = dst + (2 * py * ld);
            ExpandRow(pooled + at + (py * pw), winners + at + (py * pw), d0, d0 + ld, pw, ref sum);
            if ((ow & 1) != 0) d0[ow - 1] = d0[ld + ow - 1] = 0f;
        }

        if ((oh & 1) != 0) new Span<float>(dst + ((oh - 1) * ld), ow).Clear();
        return Vector512.Sum(sum);
    }

    // The pooled rows of a tile's channels (rows of the tile ldy apart, conv rows wp apart), written to consecutive
    // pooled planes of ph x pw. One call per tile rather than per row: the rows are short (7 or 14 windows), and a
    // call per row made the conv1 block's forward ~0.1 ms slower (1.39-1.51 against 1.28-1.35 ms, batch 128).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolTile(float* tile, int ldy, int rows, int wp, int ph, int pw, float* y, byte* winners)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int py = 0; py < ph; py++)
            {
                float* r0 = tile + (r * ldy) + (2 * py * wp);
                long at = (((long)r * ph) + py) * pw;
                PoolRow(r0, r0 + wp, y + at, winners + at, pw);
            }
        }
    }

    // One pooled row from conv rows r0 and r1, 8 windows per step: the column-wise max of the two rows, then each
    // lane's max with its pair neighbour (so both lanes of a window hold its max), then the even lanes packed into 8
    // outputs and ReLU'd. The winner is the first of the four cells equal to that max; a short last step masks its
    // loads and stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PoolRow(float* r0, float* r1, float* y, byte* winners, int pw)
    {
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0);
        var swap = Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
        var none = Vector512.Create((int)NoWinner);
        for (int ox = 0; ox < pw; ox += 8)
        {
            int n = Math.Min(8, pw - ox);
            Vector512<float> a, b;
            if (n == 8)
            {
                a = Vector512.Load(r0 + (2 * ox));
                b = Vector512.Load(r1 + (2 * ox));
            }
            else
            {
                var m = LaneMask(2 * n);
                a = Avx512F.MaskLoad(r0 + (2 * ox), m, Vector512<float>.Zero);
                b = Avx512F.MaskLoad(r1 + (2 * ox), m, Vector512<float>.Zero);
            }

            var v = Vector512.Max(a, b);
            var max = Vector512.Max(v, Avx512F.PermuteVar16x32(v, swap));

            // At an even lane (a window's left column): e0 top left, e1 top right, e2 bottom left; else bottom right.
            var ea = Vector512.Equals(a, max).AsInt32();
            var eb = Vector512.Equals(b, max).AsInt32();
            var code = Vector512.ConditionalSelect(eb, Vector512.Create(2), Vector512.Create(3));
            code = Vector512.ConditionalSelect(Avx512F.PermuteVar16x32(ea, swap), Vector512.Create(1), code);
            code = Vector512.ConditionalSelect(ea, Vector512<int>.Zero, code);
            code = Vector512.ConditionalSelect(Vector512.GreaterThan(max, Vector512<float>.Zero).AsInt32(), code, none);

            var r = Vector256.Max(Avx512F.PermuteVar16x32(max, even).GetLower(), Vector256<float>.Zero);
            ulong bytes = Avx512F.ConvertToVector128Byte(Avx512F.PermuteVar16x32(code, even)).AsUInt64().ToScalar();
            if (n == 8)
            {
                r.Store(y + ox);
                *(ulong*)(winners + ox) = bytes;
            }
            else
            {
                Avx512F.VL.MaskStore(y + ox, LaneMask(n).GetLower(), r);
                Avx512BW.VL.MaskStore(winners + ox, ByteMask(n), Vector128.CreateScalar(bytes).AsByte());
            }
        }
    }

    // All-ones in bytes [0, n), zero above: a short row end's winner bytes load and store with one masked access.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ByteMask(int n) =>
        Vector128.LessThan(Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector128.Create((byte)n));

    // Two conv-output rows (d0 above d1) from one pooled row of gradients, 8 windows per step: each window's
    // gradient doubled into its two columns, kept in the lane whose cell is the winner (0/1 on the top row by
    // column, 2/3 on the bottom row), zero elsewhere. Adds what it writes to sum (each gradient lands in one lane).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpandRow(float* g, byte* winners, float* d0, float* d1, int pw, ref Vector512<float> sum)
    {
        var dup = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
        var top = Vector512.Create(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        var bottom = top + Vector512.Create(2);
        for (int ox = 0; ox < pw; ox += 8)
        {
            int n = Math.Min(8, pw - ox);
            ulong bytes;
            Vector512<float> gd;
            if (n == 8)
            {
                bytes = *(ulong*)(winners + ox);
                gd = Avx512F.PermuteVar16x32(Vector256.Load(g + ox).ToVector512Unsafe(), dup);
            }
            else
            {
                bytes = Avx512BW.VL.MaskLoad(winners + ox, ByteMask(n), Vector128<byte>.Zero).AsUInt64().ToScalar();
                gd = Avx512F.PermuteVar16x32(Avx512F.MaskLoad(g + ox, LaneMask(n), Vector512<float>.Zero), dup);
            }

            var cd = Avx512F.PermuteVar16x32(Avx512F.ConvertToVector512Int32(Vector128.CreateScalar(bytes).AsByte()), dup);
            var t = gd & Vector512.Equals(cd, top).AsSingle();
            var u = gd & Vector512.Equals(cd, bottom).AsSingle();
            sum += t + u;
            if (n == 8)
            {
                t.Store(d0 + (2 * ox));
                u.Store(d1 + (2 * ox));
            }
            else
            {
                var m = LaneMask(2 * n);
                Avx512F.MaskStore(d0 + (2 * ox), m, t);
                Avx512F.MaskStore(d1 + (2 * ox), m, u);
            }
        }
    }
}

/// <summary>
/// Where a direct backward pass reads the output gradient dy (N, O, Oh, Ow) from: the tensor itself, or, after a
/// fused ReLU + 2x2 max pooling, the pooled gradient and the forward's winner bytes, expanded plane by plane as the
/// kernel lays dy out (see <see cref="Conv2dDirect.ForwardReluPool2x2"/>).
/// </summary>
internal readonly unsafe struct DyPlanes
{
    private readonly float* _dense;
    private readonly float* _pooled;
    private readonly byte* _winners;

    private DyPlanes(float* dense, float* pooled, byte* winners)
    {
        _dense = dense;
        _pooled = pooled;
        _winners = winners;
    }

    /// <summary>dy itself, contiguous (N, O, Oh, Ow) from <paramref name="dy"/>.</summary>
    public static DyPlanes Dense(float* dy) => new(dy, null, null);

    /// <summary>dy of a conv + ReLU + 2x2 pooling, from the pooled gradient (N, O, Oh / 2, Ow / 2) and its winners.</summary>
    public static DyPlanes Pooled(float* g, byte* winners) => new(null, g, winners);

    /// <summary>
    /// Writes plane <paramref name="plane"/> (= n * O + o) of dy on rows <paramref name="ld"/> floats apart at
    /// <paramref name="dst"/> (the oh x ow values only, nothing beside them) and returns its sum.
    /// </summary>
    public float Place(long plane, float* dst, int ld, int oh, int ow) =>
        _dense is not null ? Conv2dDirect.PlaceDense(_dense + (plane * oh * ow), dst, ld, oh, ow) : Conv2dDirect.PlacePooled(_pooled, _winners, plane, dst, ld, oh, ow);
}
