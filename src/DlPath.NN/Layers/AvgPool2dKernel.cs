using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DlPath.NN;

/// <summary>
/// Direct 2-D average pooling: one pass over each (sample, channel) plane that sums every window, and a backward
/// that spreads each output gradient evenly over its window. Same numbers as the readable Unfold + Sum formulation
/// (<see cref="Functional.AvgPool2dReference"/>, tested against it) without the (N, C·kh·kw, L) patch matrix.
/// </summary>
internal sealed class AvgPool2dKernel : Function<AvgPool2dKernel>
{
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
    //
    // The window sum is separable, which vectorises every stride: per output row, the kh input rows are first added
    // elementwise into a row buffer of width w (contiguous, SIMD; the bulk of the work), then each output sums its
    // kw columns of that buffer. The backward mirrors it: each output's share is spread over its kw columns of a
    // row buffer, which is then added (SIMD) into each of the kh input rows. Overlapping windows (stride < kernel)
    // accumulate because every row is added, never stored.
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
                // One row buffer per work item, reused for every output row of its planes.
                var rented = ArrayPool<T>.Shared.Rent(Math.Max(w, 1));
                try
                {
                    var row = rented.AsSpan(0, w);
                    for (long p = p0; p < p1; p++)
                    {
                        T* x = (T*)xa + (p * h * w), y = (T*)ya + (p * oh * ow);
                        for (int oy = 0; oy < oh; oy++)
                        {
                            if (backward) BackwardRow(x, y + ((long)oy * ow), row, oy);
                            else ForwardRow(x, y + ((long)oy * ow), row, oy);
                        }
                    }
                }
                finally
                {
                    ArrayPool<T>.Shared.Return(rented);
                }
            }

            // The divisor factors into a row count (once per output row) times a column count.
            int RowCount(int y0, int ys, int ye) => includePad ? Math.Min(y0 + kh, h + ph) - y0 : ye - ys;

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void ForwardRow(T* x, T* yRow, Span<T> row, int oy)
            {
                int y0 = (oy * sh) - ph, ys = Math.Max(y0, 0), ye = Math.Min(y0 + kh, h);
                int rows = RowCount(y0, ys, ye);
                SumRows(x, w, ys, ye, row);
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = (ox * sw) - pw, xs = Math.Max(x0, 0), xe = Math.Min(x0 + kw, w);
                    T sum = T.Zero;
                    for (int ix = xs; ix < xe; ix++) sum += row[ix];
                    yRow[ox] = sum * (T.One / T.CreateTruncating(rows * (includePad ? Math.Min(x0 + kw, w + pw) - x0 : xe - xs)));
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void BackwardRow(T* dx, T* gRow, Span<T> row, int oy)
            {
                int y0 = (oy * sh) - ph, ys = Math.Max(y0, 0), ye = Math.Min(y0 + kh, h);
                if (ye <= ys) return;
                int rows = RowCount(y0, ys, ye);

                // Without row overlap (sh >= kh) rows ys..ye-1 of dx belong to this output row alone and are still
                // zero, so the shares are spread straight into row ys, which is then copied to the others.
                bool rowsDisjoint = sh >= kh;
                var target = rowsDisjoint ? new Span<T>(dx + ((long)ys * w), w) : row;
                if (!rowsDisjoint) row.Clear();
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = (ox * sw) - pw, xs = Math.Max(x0, 0), xe = Math.Min(x0 + kw, w);
                    T share = gRow[ox] * (T.One / T.CreateTruncating(rows * (includePad ? Math.Min(x0 + kw, w + pw) - x0 : xe - xs)));
                    for (int ix = xs; ix < xe; ix++) target[ix] += share;
                }

                if (rowsDisjoint)
                {
                    for (int iy = ys + 1; iy < ye; iy++) target.CopyTo(new Span<T>(dx + ((long)iy * w), w));
                }
                else
                {
                    AddRowInto(dx, w, ys, ye, row);
                }
            }

            // Planes are independent (each work item writes its own planes); a few large blocks per core.
            PoolPlanes.For(planes, h * w, Planes);
        }
    }

    /// <summary>row = x[ys] + ... + x[ye - 1] (rows of width w; zero when the range is empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SumRows<T>(T* x, int w, int ys, int ye, Span<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = ye - ys;
        if (n <= 0) row.Clear();
        else if (n == 1) new ReadOnlySpan<T>(x + ((long)ys * w), w).CopyTo(row);
        else
        {
            // Rows are short (often under 64 elements), so a plain Vector<T> loop beats a library call per row.
            T* a = x + ((long)ys * w), b = a + w;
            fixed (T* r = row)
            {
                int i = 0;
                for (; i <= w - Vector<T>.Count; i += Vector<T>.Count)
                {
                    Vector.Store(Vector.Load(a + i) + Vector.Load(b + i), r + i);
                }

                for (; i < w; i++) r[i] = a[i] + b[i];
            }

            for (int iy = ys + 2; iy < ye; iy++) TensorPrimitives.Add(row, new ReadOnlySpan<T>(x + ((long)iy * w), w), row);
        }
    }

    /// <summary>dx[iy] += row for every iy in [ys, ye) (rows of width w).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AddRowInto<T>(T* dx, int w, int ys, int ye, ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* r = row)
        {
            for (int iy = ys; iy < ye; iy++)
            {
                T* d = dx + ((long)iy * w);
                int i = 0;
                for (; i <= w - Vector<T>.Count; i += Vector<T>.Count)
                {
                    Vector.Store(Vector.Load(d + i) + Vector.Load(r + i), d + i);
                }

                for (; i < w; i++) d[i] += r[i];
            }
        }
    }
}
