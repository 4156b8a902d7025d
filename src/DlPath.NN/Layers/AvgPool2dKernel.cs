using System.Numerics;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;

namespace DlPath.NN;

/// <summary>
/// Direct 2-D average pooling: one pass over each (sample, channel) plane that sums every window, and a backward
/// that spreads each output gradient evenly over its window. Same numbers as the readable Unfold + Sum formulation
/// (<see cref="Functional.AvgPool2dReference"/>, tested against it) without the (N, C·kh·kw, L) patch matrix.
/// </summary>
internal sealed class AvgPool2dKernel : Function<AvgPool2dKernel>
{
    /// <summary>Below this many input elements a call stays on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Pools an (N, C, H, W) input; geometry is (kh, kw, sh, sw, ph, pw, oh, ow, countIncludePad ? 1 : 0).</summary>
    public static Tensor Compute(Tensor input, int[] geometry) => Apply(input, Tensor.FromArray(geometry.Select(v => (long)v).ToArray()));

    /// <inheritdoc />
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var x = inputs[0].Contiguous();
        var geo = inputs[1].ToArray<long>().Select(v => (int)v).ToArray();
        var y = Tensor.Zeros([x.Shape[0], x.Shape[1], geo[6], geo[7]], x.DType);
        if (x.DType == DType.Float32) Run<float>(x, y, geo, backward: false);
        else Run<double>(x, y, geo, backward: false);
        ctx.Items["inputShape"] = x.ShapeArray();
        ctx.Items["geometry"] = geo;
        return y;
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        if (!ctx.NeedsInputGrad(0)) return [null, null];
        var g = gradOutput.Contiguous();
        var dx = Tensor.Zeros((int[])ctx.Items["inputShape"], g.DType);
        var geo = (int[])ctx.Items["geometry"];
        if (g.DType == DType.Float32) Run<float>(dx, g, geo, backward: true);
        else Run<double>(dx, g, geo, backward: true);
        return [dx, null];
    }

    // Forward: y[p, oy, ox] = (sum of the window's in-bounds cells of x) / divisor. Backward (x is then dx, y is dy):
    // dx[cell] += dy[p, oy, ox] / divisor for every in-bounds cell of the window. The divisor is torch's: the window
    // clipped to the padded input when padding counts, else the number of in-bounds cells.
    private static unsafe void Run<T>(Tensor xt, Tensor yt, int[] geo, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = geo[0], kw = geo[1], sh = geo[2], sw = geo[3], ph = geo[4], pw = geo[5], oh = geo[6], ow = geo[7];
        bool includePad = geo[8] != 0;
        int planes = xt.Shape[0] * xt.Shape[1], h = xt.Shape[2], w = xt.Shape[3];
        fixed (T* px = xt.AsSpan<T>(), py = yt.AsSpan<T>())
        {
            nint xa = (nint)px, ya = (nint)py;
            void Planes(int p0, int p1)
            {
                for (long p = p0; p < p1; p++)
                {
                    T* x = (T*)xa + (p * h * w), y = (T*)ya + (p * oh * ow);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int y0 = (oy * sh) - ph, ys = Math.Max(y0, 0), ye = Math.Min(y0 + kh, h);
                        for (int ox = 0; ox < ow; ox++)
                        {
                            int x0 = (ox * sw) - pw, xs = Math.Max(x0, 0), xe = Math.Min(x0 + kw, w);
                            int divisor = includePad
                                ? (Math.Min(y0 + kh, h + ph) - y0) * (Math.Min(x0 + kw, w + pw) - x0)
                                : (ye - ys) * (xe - xs);
                            T scale = T.One / T.CreateTruncating(divisor);
                            if (backward)
                            {
                                T share = y[(oy * ow) + ox] * scale;
                                for (int iy = ys; iy < ye; iy++)
                                {
                                    for (int ix = xs; ix < xe; ix++) x[(iy * w) + ix] += share;
                                }
                            }
                            else
                            {
                                T sum = T.Zero;
                                for (int iy = ys; iy < ye; iy++)
                                {
                                    for (int ix = xs; ix < xe; ix++) sum += x[(iy * w) + ix];
                                }

                                y[(oy * ow) + ox] = sum * scale;
                            }
                        }
                    }
                }
            }

            // Planes are independent (each work item writes its own planes); a few large blocks per core.
            int parts = (long)planes * h * w < ParallelThreshold ? 1 : Math.Min(planes, 4 * Environment.ProcessorCount);
            if (parts <= 1) Planes(0, planes);
            else Parallel.For(0, parts, i => Planes((int)((long)planes * i / parts), (int)((long)planes * (i + 1) / parts)));
        }
    }
}
