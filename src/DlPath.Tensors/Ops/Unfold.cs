using System.Numerics;
using System.Numerics.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// im2col / col2im: Unfold cuts every kernel-sized patch of an image batch into a column, so a convolution
// becomes one matrix product; Fold is its adjoint (overlapping patches add up) and its backward.
public sealed partial class Tensor
{
    /// <summary>
    /// Extracts sliding patches of a 4-D (N, C, H, W) input into columns (<c>torch.nn.functional.unfold</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.unfold.html; not <c>Tensor.unfold</c>):
    /// the output is (N, C*kh*kw, L) with L = outH*outW, outH = (H + 2*padH - dilH*(kh-1) - 1) / strideH + 1,
    /// and row (c*kh + i)*kw + j holding input pixel (c, y*strideH - padH + i*dilH, x*strideW - padW + j*dilW)
    /// of each output position (y, x); zero padding.
    /// </summary>
    /// <param name="kernelSize">(kh, kw), or one value for both.</param>
    /// <param name="dilation">(dilH, dilW), default 1.</param>
    /// <param name="padding">Implicit zero padding on both sides, (padH, padW), default 0.</param>
    /// <param name="stride">(strideH, strideW), default 1.</param>
    public Tensor Unfold(int[] kernelSize, int[]? dilation = null, int[]? padding = null, int[]? stride = null)
    {
        if (Rank != 4)
        {
            throw new ShapeException($"unfold: expects a 4-D (N,C,H,W) input, got {ShapeString}");
        }

        if (!DType.IsFloatingPoint()) throw new InvalidOperationException($"unfold: needs a floating-point tensor, got {DType.Name()}");
        var g = Im2ColGeometry.Create("unfold", _shape[0], _shape[1], _shape[2], _shape[3], kernelSize, dilation, padding, stride);
        var x = Contiguous();
        var result = Empty([g.N, g.C * g.Kh * g.Kw, g.L], DType);
        if (DType == DType.Float32) Im2Col(x.Data<float>(), x._offset, result.Data<float>(), g);
        else Im2Col(x.Data<double>(), x._offset, result.Data<double>(), g);

        // Each input pixel appears in several columns; its gradient is the sum over them: col2im (fold).
        return Record(result, "Im2ColBackward", [this], [], grad => [grad.Fold([g.H, g.W], [g.Kh, g.Kw], [g.Dh, g.Dw], [g.Ph, g.Pw], [g.Sh, g.Sw])]);
    }

    /// <summary>Unfold with a square kernel and the same dilation, padding and stride in both dims.</summary>
    public Tensor Unfold(int kernelSize, int dilation = 1, int padding = 0, int stride = 1) =>
        Unfold([kernelSize], [dilation], [padding], [stride]);

    /// <summary>
    /// Sums columns of patches back into a (N, C, outH, outW) image (<c>torch.nn.functional.fold</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.fold.html): the adjoint of
    /// <see cref="Unfold(int[], int[], int[], int[])"/>; overlapping patches add up, padding is dropped.
    /// The input is (N, C*kh*kw, L) with L the number of patch positions in the output size.
    /// </summary>
    public Tensor Fold(int[] outputSize, int[] kernelSize, int[]? dilation = null, int[]? padding = null, int[]? stride = null)
    {
        ArgumentNullException.ThrowIfNull(outputSize);
        ArgumentNullException.ThrowIfNull(kernelSize);
        if (Rank != 3)
        {
            throw new ShapeException($"fold: expects a 3-D (N, C*kh*kw, L) input, got {ShapeString}");
        }

        if (!DType.IsFloatingPoint()) throw new InvalidOperationException($"fold: needs a floating-point tensor, got {DType.Name()}");
        int[] size = outputSize.Length == 1 ? [outputSize[0], outputSize[0]] : outputSize;
        if (size.Length != 2) throw new ArgumentException($"fold: outputSize must have 1 or 2 values, got {outputSize.Length}");
        int[] k = kernelSize.Length == 1 ? [kernelSize[0], kernelSize[0]] : kernelSize;
        int kk = k.Length == 2 ? k[0] * k[1] : 0;
        if (kk <= 0 || _shape[1] % kk != 0)
        {
            throw new ShapeException($"fold: dim 1 of the input {ShapeString} must be divisible by kh*kw = {kk}");
        }

        var g = Im2ColGeometry.Create("fold", _shape[0], _shape[1] / kk, size[0], size[1], kernelSize, dilation, padding, stride);
        if (g.L != _shape[2])
        {
            throw new ShapeException($"fold: the input {ShapeString} has {_shape[2]} patch positions, but output size ({g.H},{g.W}) with these kernel/stride/padding/dilation gives {g.Oh}x{g.Ow} = {g.L}");
        }

        var cols = Contiguous();
        var result = Empty([g.N, g.C, g.H, g.W], DType);
        if (DType == DType.Float32) Col2Im(cols.Data<float>(), cols._offset, result.Data<float>(), g);
        else Col2Im(cols.Data<double>(), cols._offset, result.Data<double>(), g);

        // Fold is linear and the adjoint of unfold, so its backward is unfold.
        return Record(result, "Col2ImBackward", [this], [], grad => [grad.Unfold([g.Kh, g.Kw], [g.Dh, g.Dw], [g.Ph, g.Pw], [g.Sh, g.Sw])]);
    }

    /// <summary>
    /// im2col, the fast kernel: x (N, C, H, W) -> cols (N, C*kh*kw, L). Each (n, c) plane is one parallel work
    /// item; along a row the valid output range is computed once so the inner loop is a span copy (stride 1)
    /// or a strided read with no bounds tests.
    /// </summary>
    internal static void Im2Col<T>(T[] x, int xOffset, T[] cols, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planes = g.N * g.C;
        if (planes == 0 || g.L == 0) return;
        int planeIn = g.H * g.W, planeOut = g.Kh * g.Kw * g.L;

        // Small problems stay on this thread: a parallel loop costs more than it saves below ~32K outputs.
        if ((long)planes * planeOut < 1 << 15)
        {
            for (int p = 0; p < planes; p++) Im2ColPlane(x.AsSpan(xOffset + (p * planeIn), planeIn), cols.AsSpan(p * planeOut, planeOut), g);
            return;
        }

        Kernels.Cpu.KernelWorkers.For(planes, p => Im2ColPlane(x.AsSpan(xOffset + (p * planeIn), planeIn), cols.AsSpan(p * planeOut, planeOut), g));
    }

    private static void Im2ColPlane<T>(ReadOnlySpan<T> x, Span<T> cols, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        // x: (H, W) of one channel; cols: (kh*kw, Oh*Ow) rows of this channel.
        for (int ki = 0; ki < g.Kh; ki++)
        {
            for (int kj = 0; kj < g.Kw; kj++)
            {
                var row = cols.Slice(((ki * g.Kw) + kj) * g.L, g.L);
                var (xLo, xHi) = g.ValidRange(kj, g.Sw, g.Pw, g.Dw, g.W, g.Ow);
                for (int oy = 0; oy < g.Oh; oy++)
                {
                    var dst = row.Slice(oy * g.Ow, g.Ow);
                    int iy = (oy * g.Sh) - g.Ph + (ki * g.Dh);
                    if (iy < 0 || iy >= g.H || xLo >= xHi)
                    {
                        dst.Clear();
                        continue;
                    }

                    dst[..xLo].Clear();
                    dst[xHi..].Clear();
                    var src = x.Slice(iy * g.W, g.W);
                    int ix0 = (xLo * g.Sw) - g.Pw + (kj * g.Dw);
                    if (g.Sw == 1)
                    {
                        src.Slice(ix0, xHi - xLo).CopyTo(dst[xLo..xHi]);
                    }
                    else
                    {
                        for (int ox = xLo, ix = ix0; ox < xHi; ox++, ix += g.Sw) dst[ox] = src[ix];
                    }
                }
            }
        }
    }

    /// <summary>col2im, the fast kernel: cols (N, C*kh*kw, L) summed into x (N, C, H, W), one parallel work item per plane.</summary>
    internal static void Col2Im<T>(T[] cols, int colsOffset, T[] x, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planes = g.N * g.C;
        if (planes == 0 || g.L == 0) return;
        int planeIn = g.H * g.W, planeOut = g.Kh * g.Kw * g.L;
        if ((long)planes * planeOut < 1 << 15)
        {
            for (int p = 0; p < planes; p++) Col2ImPlane(cols.AsSpan(colsOffset + (p * planeOut), planeOut), x.AsSpan(p * planeIn, planeIn), g);
            return;
        }

        // Each (n, c) plane of x is written by one work item only, so the accumulation needs no locks.
        Kernels.Cpu.KernelWorkers.For(planes, p => Col2ImPlane(cols.AsSpan(colsOffset + (p * planeOut), planeOut), x.AsSpan(p * planeIn, planeIn), g));
    }

    private static void Col2ImPlane<T>(ReadOnlySpan<T> cols, Span<T> x, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        for (int ki = 0; ki < g.Kh; ki++)
        {
            for (int kj = 0; kj < g.Kw; kj++)
            {
                var row = cols.Slice(((ki * g.Kw) + kj) * g.L, g.L);
                var (xLo, xHi) = g.ValidRange(kj, g.Sw, g.Pw, g.Dw, g.W, g.Ow);
                if (xLo >= xHi) continue;
                for (int oy = 0; oy < g.Oh; oy++)
                {
                    int iy = (oy * g.Sh) - g.Ph + (ki * g.Dh);
                    if (iy < 0 || iy >= g.H) continue;
                    var src = row.Slice((oy * g.Ow) + xLo, xHi - xLo);
                    var dstRow = x.Slice(iy * g.W, g.W);
                    int ix0 = (xLo * g.Sw) - g.Pw + (kj * g.Dw);
                    if (g.Sw == 1)
                    {
                        var dst = dstRow.Slice(ix0, xHi - xLo);
                        TensorPrimitives.Add(dst, src, dst);
                    }
                    else
                    {
                        for (int i = 0, ix = ix0; i < src.Length; i++, ix += g.Sw) dstRow[ix] += src[i];
                    }
                }
            }
        }
    }

    /// <summary>im2col, the reference: the definition as plain loops (what the fast kernel must agree with).</summary>
    internal static void Im2ColReference<T>(ReadOnlySpan<T> x, T[] cols, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        // cols[n, (c*kh + i)*kw + j, oy*Ow + ox] = x[n, c, oy*sh - ph + i*dh, ox*sw - pw + j*dw]  (0 outside)
        for (int n = 0; n < g.N; n++)
        {
            for (int c = 0; c < g.C; c++)
            {
                for (int i = 0; i < g.Kh; i++)
                {
                    for (int j = 0; j < g.Kw; j++)
                    {
                        int r = (((c * g.Kh) + i) * g.Kw) + j;
                        for (int oy = 0; oy < g.Oh; oy++)
                        {
                            for (int ox = 0; ox < g.Ow; ox++)
                            {
                                int iy = (oy * g.Sh) - g.Ph + (i * g.Dh), ix = (ox * g.Sw) - g.Pw + (j * g.Dw);
                                bool inside = iy >= 0 && iy < g.H && ix >= 0 && ix < g.W;
                                cols[(((n * g.C * g.Kh * g.Kw) + r) * g.L) + (oy * g.Ow) + ox] =
                                    inside ? x[(((n * g.C) + c) * g.H * g.W) + (iy * g.W) + ix] : T.Zero;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>col2im, the reference: every column entry added back to the pixel it was read from.</summary>
    internal static void Col2ImReference<T>(ReadOnlySpan<T> cols, T[] x, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        for (int n = 0; n < g.N; n++)
        {
            for (int c = 0; c < g.C; c++)
            {
                for (int i = 0; i < g.Kh; i++)
                {
                    for (int j = 0; j < g.Kw; j++)
                    {
                        int r = (((c * g.Kh) + i) * g.Kw) + j;
                        for (int oy = 0; oy < g.Oh; oy++)
                        {
                            for (int ox = 0; ox < g.Ow; ox++)
                            {
                                int iy = (oy * g.Sh) - g.Ph + (i * g.Dh), ix = (ox * g.Sw) - g.Pw + (j * g.Dw);
                                if (iy < 0 || iy >= g.H || ix < 0 || ix >= g.W) continue;
                                x[(((n * g.C) + c) * g.H * g.W) + (iy * g.W) + ix] += cols[(((n * g.C * g.Kh * g.Kw) + r) * g.L) + (oy * g.Ow) + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
