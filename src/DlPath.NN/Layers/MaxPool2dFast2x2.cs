using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Max pooling with 2x2 windows, stride 2, no padding or dilation (the CNN training shape), forward and backward
/// without an index array: the backward pass finds each window's winner again by comparing its four cells with
/// the saved output, in the same scan order as the general kernel (row by row, first maximum wins, a NaN wins
/// over numbers). float32 rows run 8 windows per step on AVX-512; other types and CPUs run the scalar loop.
/// With <c>relu</c> set, both passes also apply a ReLU placed before the pooling (see <see cref="ReluMaxPool2dKernel"/>).
/// The readable twin is <see cref="Functional.MaxPool2dReference"/>.
/// </summary>
internal static class MaxPool2x2
{
    /// <summary>Whether geometry (kh, kw, sh, sw, ph, pw, dh, dw, oh, ow) is the 2x2 / stride 2 case with every window inside an h x w plane.</summary>
    public static bool Suits(int[] geo, int h, int w) =>
        geo[0] == 2 && geo[1] == 2 && geo[2] == 2 && geo[3] == 2 && geo[4] == 0 && geo[5] == 0 && geo[6] == 1 && geo[7] == 1
        && 2 * geo[8] <= h && 2 * geo[9] <= w;

    /// <summary>
    /// y (N, C, oh, ow) = the max of each 2x2 window of x (N, C, H, W), then max(., 0) when <paramref name="relu"/>;
    /// both contiguous, same dtype; every element of y is written.
    /// </summary>
    public static unsafe void Forward(Tensor x, Tensor y, bool relu = false)
    {
        int planes = x.Shape[0] * x.Shape[1], h = x.Shape[2], w = x.Shape[3], oh = y.Shape[2], ow = y.Shape[3];
        if (x.DType == DType.Float32)
        {
            fixed (float* px = x.AsSpan<float>(), py = y.AsSpan<float>())
            {
                nint xa = (nint)px, ya = (nint)py;
                PoolPlanes.For(planes, h * w, (p0, p1) =>
                {
                    for (long p = p0; p < p1; p++)
                    {
                        for (int oy = 0; oy < oh; oy++)
                        {
                            float* r0 = (float*)xa + (p * h * w) + (2L * oy * w);
                            ForwardRow(r0, r0 + w, (float*)ya + (p * oh * ow) + ((long)oy * ow), ow, relu);
                        }
                    }
                });
            }
        }
        else
        {
            fixed (double* px = x.AsSpan<double>(), py = y.AsSpan<double>())
            {
                nint xa = (nint)px, ya = (nint)py;
                PoolPlanes.For(planes, h * w, (p0, p1) =>
                {
                    for (long p = p0; p < p1; p++)
                    {
                        for (int oy = 0; oy < oh; oy++)
                        {
                            double* r0 = (double*)xa + (p * h * w) + (2L * oy * w);
                            ForwardRowScalar(r0, r0 + w, (double*)ya + (p * oh * ow) + ((long)oy * ow), 0, ow, relu);
                        }
                    }
                });
            }
        }
    }

    /// <summary>
    /// dx (shape of x) = g at the first cell of each window that equals y (a NaN cell when y is NaN), 0 everywhere
    /// else; with <paramref name="relu"/>, 0 also in every window whose y is not &gt; 0 (ReLU's derivative read off
    /// the pooled output). Every element of dx is written, so it need not be zeroed first; x, y, g contiguous, same dtype.
    /// </summary>
    public static unsafe void Backward(Tensor x, Tensor y, Tensor g, Tensor dx, bool relu = false)
    {
        int planes = x.Shape[0] * x.Shape[1], h = x.Shape[2], w = x.Shape[3], oh = y.Shape[2], ow = y.Shape[3];
        if (x.DType == DType.Float32)
        {
            fixed (float* px = x.AsSpan<float>(), py = y.AsSpan<float>(), pg = g.AsSpan<float>(), pd = dx.AsSpan<float>())
            {
                nint xa = (nint)px, ya = (nint)py, ga = (nint)pg, da = (nint)pd;
                PoolPlanes.For(planes, h * w, (p0, p1) =>
                {
                    for (long p = p0; p < p1; p++)
                    {
                        for (int oy = 0; oy < oh; oy++)
                        {
                            long xo = (p * h * w) + (2L * oy * w), yo = (p * oh * ow) + ((long)oy * ow);
                            BackwardRow((float*)xa + xo, (float*)ya + yo, (float*)ga + yo, (float*)da + xo, w, ow, relu);
                        }

                        ZeroUncoveredRows((float*)da + (p * h * w), h, w, oh);
                    }
                });
            }
        }
        else
        {
            fixed (double* px = x.AsSpan<double>(), py = y.AsSpan<double>(), pg = g.AsSpan<double>(), pd = dx.AsSpan<double>())
            {
                nint xa = (nint)px, ya = (nint)py, ga = (nint)pg, da = (nint)pd;
                PoolPlanes.For(planes, h * w, (p0, p1) =>
                {
                    for (long p = p0; p < p1; p++)
                    {
                        for (int oy = 0; oy < oh; oy++)
                        {
                            long xo = (p * h * w) + (2L * oy * w), yo = (p * oh * ow) + ((long)oy * ow);
                            BackwardRowScalar((double*)xa + xo, (double*)ya + yo, (double*)ga + yo, (double*)da + xo, w, 0, ow, relu);
                        }

                        ZeroUncoveredRows((double*)da + (p * h * w), h, w, oh);
                    }
                });
            }
        }
    }


    // One output row from input rows r0 and r1, 8 windows per step: the column-wise max of the two rows (16 lanes),
    // then the max of each lane and its pair neighbour, then the even lanes packed into 8 outputs. Vector512.Max
    // propagates NaN as the scan rule does. A short last step masks its loads and stores instead of running a
    // scalar loop: random data makes the scalar comparisons mispredict about every other time.
    // With relu, max(r, 0) follows: Vector256.Max, like TensorPrimitives.Max in Tensor.Relu, gives NaN for NaN and
    // +0 for -0, so the fused output equals pooling the ReLU's output bit for bit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ForwardRow(float* r0, float* r1, float* y, int ow, bool relu)
    {
        if (!Avx512F.IsSupported)
        {
            ForwardRowScalar(r0, r1, y, 0, ow, relu);
            return;
        }

        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0);
        var swap = Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
        for (int ox = 0; ox < ow; ox += 8)
        {
            int n = Math.Min(8, ow - ox);
            Vector512<float> a, b;
            if (n == 8)
            {
                a = Vector512.Load(r0 + (2 * ox));
                b = Vector512.Load(r1 + (2 * ox));
            }
            else
            {
                var m = InputMask(2 * n);
                a = Avx512F.MaskLoad(r0 + (2 * ox), m, Vector512<float>.Zero);
                b = Avx512F.MaskLoad(r1 + (2 * ox), m, Vector512<float>.Zero);
            }

            var v = Vector512.Max(a, b);
            var r = Avx512F.PermuteVar16x32(Vector512.Max(v, Avx512F.PermuteVar16x32(v, swap)), even).GetLower();
            if (relu) r = Vector256.Max(r, Vector256<float>.Zero);
            if (n == 8) r.Store(y + ox);
            else Avx.MaskStore(y + ox, InputMask(n).GetLower(), r);
        }
    }

    // All-ones in lanes [0, n), zero above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> InputMask(int n) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(n)).AsSingle();

    private static unsafe void ForwardRowScalar<T>(T* r0, T* r1, T* y, int ox0, int ow, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ox = ox0; ox < ow; ox++)
        {
            int i = 2 * ox;
            T best = r0[i];
            Take(r0[i + 1], ref best);
            Take(r1[i], ref best);
            Take(r1[i + 1], ref best);

            // T.Max is IEEE maximum, as Tensor.Relu's: NaN stays NaN, -0 becomes +0.
            y[ox] = relu ? T.Max(best, T.Zero) : best;
        }
    }

    // The scan rule: a later cell wins only when strictly greater, or when it is the first NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take<T>(T v, ref T best)
        where T : IFloatingPointIeee754<T>
    {
        if (v > best || (T.IsNaN(v) && !T.IsNaN(best))) best = v;
    }

    // Per 8 windows (16 lanes of each input row, the window's two columns side by side): a cell matches when it
    // equals the window's output (or both are NaN); it takes the gradient when it matches and no cell before it in
    // scan order (its left neighbour, then the whole upper row) did. With relu, windows whose output is not > 0 pass
    // no gradient at all. Every cell of both rows is written: a last odd column gets 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void BackwardRow(float* r0, float* y, float* g, float* d0, int w, int ow, bool relu)
    {
        float* r1 = r0 + w, d1 = d0 + w;
        if (!Avx512F.IsSupported)
        {
            BackwardRowScalar(r0, y, g, d0, w, 0, ow, relu);
            return;
        }

        var dup = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
        var swap = Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
        var oddLanes = Vector512.Create(0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1).AsSingle();
        for (int ox = 0; ox < ow; ox += 8)
        {
            int n = Math.Min(8, ow - ox);
            Vector512<float> a, b, yd, gd, m = default;
            if (n == 8)
            {
                yd = Avx512F.PermuteVar16x32(Vector256.Load(y + ox).ToVector512Unsafe(), dup);
                gd = Avx512F.PermuteVar16x32(Vector256.Load(g + ox).ToVector512Unsafe(), dup);
                a = Vector512.Load(r0 + (2 * ox));
                b = Vector512.Load(r1 + (2 * ox));
            }
            else
            {
                var mo = InputMask(n);
                m = InputMask(2 * n);
                yd = Avx512F.PermuteVar16x32(Avx512F.MaskLoad(y + ox, mo, Vector512<float>.Zero), dup);
                gd = Avx512F.PermuteVar16x32(Avx512F.MaskLoad(g + ox, mo, Vector512<float>.Zero), dup);
                a = Avx512F.MaskLoad(r0 + (2 * ox), m, Vector512<float>.Zero);
                b = Avx512F.MaskLoad(r1 + (2 * ox), m, Vector512<float>.Zero);
            }

            if (relu) gd &= Vector512.GreaterThan(yd, Vector512<float>.Zero);
            var ynan = ~Vector512.Equals(yd, yd);
            var ea = Vector512.Equals(a, yd) | (~Vector512.Equals(a, a) & ynan);
            var eb = Vector512.Equals(b, yd) | (~Vector512.Equals(b, b) & ynan);
            var ea2 = Avx512F.PermuteVar16x32(ea, swap);
            var eb2 = Avx512F.PermuteVar16x32(eb, swap);
            var ta = Vector512.AndNot(ea, ea2 & oddLanes) & gd;
            var tb = Vector512.AndNot(Vector512.AndNot(eb, eb2 & oddLanes), ea | ea2) & gd;
            if (n == 8)
            {
                ta.Store(d0 + (2 * ox));
                tb.Store(d1 + (2 * ox));
            }
            else
            {
                Avx512F.MaskStore(d0 + (2 * ox), m, ta);
                Avx512F.MaskStore(d1 + (2 * ox), m, tb);
            }
        }

        for (int c = 2 * ow; c < w; c++)
        {
            d0[c] = 0;
            d1[c] = 0;
        }
    }

    // Writes all four cells of each window (and a last odd column), so dx need not be zeroed first.
    private static unsafe void BackwardRowScalar<T>(T* r0, T* y, T* g, T* d0, int w, int ox0, int ow, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ox = ox0; ox < ow; ox++)
        {
            // Cells in scan order: (0, 0), (0, 1), (1, 0), (1, 1).
            int i = 2 * ox;
            T target = y[ox];
            bool nan = T.IsNaN(target);
            int offset = Matches(r0[i], target, nan) ? i : Matches(r0[i + 1], target, nan) ? i + 1 : Matches(r0[w + i], target, nan) ? w + i : w + i + 1;
            d0[i] = d0[i + 1] = d0[w + i] = d0[w + i + 1] = T.Zero;
            d0[offset] = relu && !(target > T.Zero) ? T.Zero : g[ox];
        }

        for (int c = 2 * ow; c < w; c++)
        {
            d0[c] = T.Zero;
            d0[w + c] = T.Zero;
        }
    }

    // The rows below the last window (an odd height) take no gradient.
    private static unsafe void ZeroUncoveredRows<T>(T* plane, int h, int w, int oh)
        where T : unmanaged
    {
        if (2 * oh < h) new Span<T>(plane + (2L * oh * w), (h - (2 * oh)) * w).Clear();
    }

    private static bool Matches<T>(T v, T target, bool nan)
        where T : IFloatingPointIeee754<T> => nan ? T.IsNaN(v) : v == target;
}
