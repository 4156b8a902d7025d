using System.Numerics;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;

namespace DlPath.NN;

/// <summary>
/// Direct 2-D max pooling: one pass over each (sample, channel) plane that keeps the position of every window's
/// maximum, and a backward that routes each output gradient to that position. It gives the same numbers as the
/// readable Unfold + Max formulation (<see cref="Functional.MaxPool2dReference"/>, tested against it) without
/// materialising the (N, C·kh·kw, L) patch matrix.
/// </summary>
internal sealed class MaxPool2dKernel : Function<MaxPool2dKernel>
{
    /// <summary>Pools a contiguous-or-not (N, C, H, W) input; geometry is (kh, kw, sh, sw, ph, pw, dh, dw, oh, ow).</summary>
    public static Tensor Compute(Tensor input, int[] geometry) => Apply(input, Tensor.FromArray(geometry.Select(v => (long)v).ToArray()));

    /// <inheritdoc />
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var x = inputs[0].Contiguous();
        var geo = inputs[1].ToArray<long>().Select(v => (int)v).ToArray();
        int n = x.Shape[0], c = x.Shape[1];
        var y = Tensor.Zeros([n, c, geo[8], geo[9]], x.DType);

        // The winners' positions live in an int64 tensor rather than an int[], so a Tensor.Scope() recycles them too.
        var argmax = Tensor.Zeros([y.Numel], DType.Int64);
        if (x.DType == DType.Float32) Pool<float>(x, y, argmax, geo);
        else Pool<double>(x, y, argmax, geo);
        ctx.Items["argmax"] = argmax;
        ctx.Items["inputShape"] = x.ShapeArray();
        return y;
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        if (!ctx.NeedsInputGrad(0)) return [null, null];
        var argmax = (Tensor)ctx.Items["argmax"];
        var g = gradOutput.Contiguous();
        var dx = Tensor.Zeros((int[])ctx.Items["inputShape"], g.DType);
        if (g.DType == DType.Float32) Route<float>(g, dx, argmax);
        else Route<double>(g, dx, argmax);
        return [dx, null];
    }

    // y[p, oy, ox] = max over the window's in-bounds cells of x[p, oy*sh - ph + i*dh, ox*sw - pw + j*dw]; padding never
    // wins (it is -inf in torch). The first maximum in scan order wins ties, and a NaN wins over numbers, as in torch.
    private static unsafe void Pool<T>(Tensor xt, Tensor yt, Tensor argmaxT, int[] geo)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = geo[0], kw = geo[1], sh = geo[2], sw = geo[3], ph = geo[4], pw = geo[5], dh = geo[6], dw = geo[7], oh = geo[8], ow = geo[9];
        int planes = xt.Shape[0] * xt.Shape[1], h = xt.Shape[2], w = xt.Shape[3];
        fixed (T* px = xt.AsSpan<T>(), py = yt.AsSpan<T>())
        fixed (long* pa = argmaxT.AsSpan<long>())
        {
            // Planes are independent: each worker reads one input plane and writes one output plane.
            nint xAddr = (nint)px, yAddr = (nint)py, aAddr = (nint)pa;

            // The training shape (2x2 windows, stride 2, no padding or dilation): every window lies inside the
            // plane, so four loads and no bounds tests; planes go to workers in blocks, not one delegate call each.
            if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0 && dh == 1 && dw == 1 && 2 * oh <= h && 2 * ow <= w)
            {
                int block = Math.Max(1, 4096 / Math.Max(1, oh * ow));
                Parallel.For(0, (planes + block - 1) / block, b =>
                {
                    for (int p = b * block, end = Math.Min(planes, (b + 1) * block); p < end; p++)
                    {
                        Pool2x2((T*)xAddr + ((long)p * h * w), (T*)yAddr + ((long)p * oh * ow), (long*)aAddr, p * oh * ow, w, oh, ow);
                    }
                });
                return;
            }

            Parallel.For(0, planes, p =>
            {
                T* x = (T*)xAddr + ((long)p * h * w);
                T* y = (T*)yAddr + ((long)p * oh * ow);
                int aBase = p * oh * ow;
                long* argmax = (long*)aAddr;
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        T best = T.NegativeInfinity;
                        int bestIdx = -1;
                        for (int i = 0; i < kh; i++)
                        {
                            int iy = (oy * sh) - ph + (i * dh);
                            if ((uint)iy >= (uint)h) continue;
                            for (int j = 0; j < kw; j++)
                            {
                                int ix = (ox * sw) - pw + (j * dw);
                                if ((uint)ix >= (uint)w) continue;
                                T v = x[(iy * w) + ix];
                                if (bestIdx < 0 || v > best || (T.IsNaN(v) && !T.IsNaN(best)))
                                {
                                    best = v;
                                    bestIdx = (iy * w) + ix;
                                }
                            }
                        }

                        y[(oy * ow) + ox] = best;
                        argmax[aBase + (oy * ow) + ox] = bestIdx;
                    }
                }
            });
        }
    }

    // One plane of 2x2 / stride 2 pooling; the same scan order and NaN rule as the general loop.
    private static unsafe void Pool2x2<T>(T* x, T* y, long* argmax, int aBase, int w, int oh, int ow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int oy = 0; oy < oh; oy++)
        {
            int r0 = 2 * oy * w, r1 = r0 + w;
            for (int ox = 0; ox < ow; ox++)
            {
                int i0 = r0 + (2 * ox), i1 = r1 + (2 * ox);
                T best = x[i0];
                int bestIdx = i0;
                Take(x, i0 + 1, ref best, ref bestIdx);
                Take(x, i1, ref best, ref bestIdx);
                Take(x, i1 + 1, ref best, ref bestIdx);
                y[(oy * ow) + ox] = best;
                argmax[aBase + (oy * ow) + ox] = bestIdx;
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void Take<T>(T* x, int i, ref T best, ref int bestIdx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T v = x[i];
        if (v > best || (T.IsNaN(v) && !T.IsNaN(best)))
        {
            best = v;
            bestIdx = i;
        }
    }

    // dx[p, argmax] += dy[p, o]: each output's gradient goes to the cell that was its maximum (overlapping windows add).
    private static unsafe void Route<T>(Tensor gt, Tensor dxt, Tensor argmaxT)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planes = dxt.Shape[0] * dxt.Shape[1], plane = dxt.Shape[2] * dxt.Shape[3], outPlane = gt.Numel / Math.Max(planes, 1);
        fixed (T* pg = gt.AsSpan<T>(), pd = dxt.AsSpan<T>())
        fixed (long* pa = argmaxT.AsSpan<long>())
        {
            nint gAddr = (nint)pg, dAddr = (nint)pd, aAddr = (nint)pa;
            // Planes go to workers in blocks of about 4K outputs: one delegate call per plane costs more than a small plane.
            int block = Math.Max(1, 4096 / Math.Max(1, outPlane));
            Parallel.For(0, (planes + block - 1) / block, b =>
            {
                for (int p = b * block, end = Math.Min(planes, (b + 1) * block); p < end; p++)
                {
                    T* g = (T*)gAddr + ((long)p * outPlane);
                    T* d = (T*)dAddr + ((long)p * plane);
                    for (int o = 0; o < outPlane; o++)
                    {
                        long idx = ((long*)aAddr)[(p * outPlane) + o];
                        if (idx >= 0) d[idx] += g[o];
                    }
                }
            });
        }
    }
}
