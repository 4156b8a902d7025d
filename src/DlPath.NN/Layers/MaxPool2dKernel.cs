using System.Numerics;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;
using DlPath.Tensors.Kernels.Cpu;

namespace DlPath.NN;

/// <summary>
/// Direct 2-D max pooling: one pass over each (sample, channel) plane that keeps the position of every window's
/// maximum, and a backward that routes each output gradient to that position. It gives the same numbers as the
/// readable Unfold + Max formulation (<see cref="Functional.MaxPool2dReference"/>, tested against it) without
/// materialising the (N, C·kh·kw, L) patch matrix. The 2x2 / stride 2 training shape keeps no positions at all
/// (<see cref="MaxPool2x2"/>: vectorised, the backward pass compares the window with the saved output).
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
        ctx.Items["inputShape"] = x.ShapeArray();

        // Both kernels write every output, so y starts uninitialised.
        var y = Tensor.Uninitialized([n, c, geo[8], geo[9]], x.DType);
        if (MaxPool2x2.Suits(geo, x.Shape[2], x.Shape[3]))
        {
            // The window of each output is found again in backward by comparing its four cells with the output,
            // so the forward pass keeps no index array at all: it is a pure, vectorised max.
            MaxPool2x2.Forward(x, y);
            ctx.Items["input"] = x;
            ctx.Items["output"] = y;
            return y;
        }

        var argmax = new int[y.Numel];
        if (x.DType == DType.Float32) Pool<float>(x, y, argmax, geo);
        else Pool<double>(x, y, argmax, geo);
        ctx.Items["argmax"] = argmax;
        return y;
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        if (!ctx.NeedsInputGrad(0)) return [null, null];
        var g = gradOutput.Contiguous();
        var shape = (int[])ctx.Items["inputShape"];
        if (ctx.Items.TryGetValue("output", out var y))
        {
            // The 2x2 kernel writes every cell of dx (0 where no gradient goes): no zero-fill pass first.
            var full = Tensor.Uninitialized(shape, g.DType);
            MaxPool2x2.Backward((Tensor)ctx.Items["input"], (Tensor)y, g, full);
            return [full, null];
        }

        // Route adds each gradient into its cell (overlapping windows add up), so dx starts at zero.
        var dx = Tensor.Zeros(shape, g.DType);
        var argmax = (int[])ctx.Items["argmax"];
        if (g.DType == DType.Float32) Route<float>(g, dx, argmax);
        else Route<double>(g, dx, argmax);
        return [dx, null];
    }

    // y[p, oy, ox] = max over the window's in-bounds cells of x[p, oy*sh - ph + i*dh, ox*sw - pw + j*dw]; padding never
    // wins (it is -inf in torch). The first maximum in scan order wins ties, and a NaN wins over numbers, as in torch.
    private static unsafe void Pool<T>(Tensor xt, Tensor yt, int[] argmax, int[] geo)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = geo[0], kw = geo[1], sh = geo[2], sw = geo[3], ph = geo[4], pw = geo[5], dh = geo[6], dw = geo[7], oh = geo[8], ow = geo[9];
        int planes = xt.Shape[0] * xt.Shape[1], h = xt.Shape[2], w = xt.Shape[3];
        fixed (T* px = xt.AsSpan<T>(), py = yt.AsSpan<T>())
        {
            // Planes are independent: each worker reads one input plane and writes one output plane.
            nint xAddr = (nint)px, yAddr = (nint)py;

            KernelWorkers.For(planes, p =>
            {
                T* x = (T*)xAddr + ((long)p * h * w);
                T* y = (T*)yAddr + ((long)p * oh * ow);
                int aBase = p * oh * ow;
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

    // dx[p, argmax] += dy[p, o]: each output's gradient goes to the cell that was its maximum (overlapping windows add).
    private static unsafe void Route<T>(Tensor gt, Tensor dxt, int[] argmax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planes = dxt.Shape[0] * dxt.Shape[1], plane = dxt.Shape[2] * dxt.Shape[3], outPlane = gt.Numel / Math.Max(planes, 1);
        fixed (T* pg = gt.AsSpan<T>(), pd = dxt.AsSpan<T>())
        {
            nint gAddr = (nint)pg, dAddr = (nint)pd;
            // Planes go to workers in blocks of about 4K outputs: one delegate call per plane costs more than a small plane.
            int block = Math.Max(1, 4096 / Math.Max(1, outPlane));
            KernelWorkers.For((planes + block - 1) / block, b =>
            {
                for (int p = b * block, end = Math.Min(planes, (b + 1) * block); p < end; p++)
                {
                    T* g = (T*)gAddr + ((long)p * outPlane);
                    T* d = (T*)dAddr + ((long)p * plane);
                    for (int o = 0; o < outPlane; o++)
                    {
                        int idx = argmax[(p * outPlane) + o];
                        if (idx >= 0) d[idx] += g[o];
                    }
                }
            });
        }
    }
}
