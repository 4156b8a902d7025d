using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// im2col / col2im in the "channels by pixels of the whole batch" layout the convolution GEMMs want:
/// cols[r, n*L + l] with r = (c*kh + i)*kw + j, so the kernel bank (O, C*kh*kw) multiplies every sample's
/// columns in ONE product (O, C*kh*kw) @ (C*kh*kw, N*L) instead of N small ones. <c>rowStride</c> is N*L.
/// </summary>
internal static class ConvColumns
{
    /// <summary>Below this many column elements the planes stay on the calling thread.</summary>
    private const int ParallelThreshold = 1 << 15;

    /// <summary>x (N, C, H, W) from <paramref name="xOffset"/> → cols (C*kh*kw, N*L); N is <c>g.N</c>, every entry written.</summary>
    public static void Im2Col<T>(T[] x, int xOffset, T[] cols, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planes = g.N * g.C;
        if (planes == 0 || g.L == 0) return;
        if ((long)planes * g.Kh * g.Kw * g.L < ParallelThreshold)
        {
            for (int p = 0; p < planes; p++) Im2ColPlane(x, xOffset, cols, g, p);
            return;
        }

        Cpu.KernelWorkers.For(planes, p => Im2ColPlane(x, xOffset, cols, g, p));
    }

    /// <summary>cols (C*kh*kw, N*L) summed into dx (N, C, H, W) from <paramref name="dxOffset"/>; dx must be zeroed first.</summary>
    public static void Col2Im<T>(T[] cols, T[] dx, int dxOffset, Im2ColGeometry g)
        where T : unmanaged, INumber<T>
    {
        int planes = g.N * g.C;
        if (planes == 0 || g.L == 0) return;
        if ((long)planes * g.Kh * g.Kw * g.L < ParallelThreshold)
        {
            for (int p = 0; p < planes; p++) Col2ImPlane(cols, dx, dxOffset, g, p);
            return;
        }

        // Each (n, c) plane of dx is written by one work item only: no locks, no races.
        Cpu.KernelWorkers.For(planes, p => Col2ImPlane(cols, dx, dxOffset, g, p));
    }

    private static void Im2ColPlane<T>(T[] xArray, int xOffset, T[] colsArray, Im2ColGeometry g, int plane)
        where T : unmanaged, INumber<T>
    {
        int n = plane / g.C, c = plane % g.C, rowStride = g.N * g.L;
        ReadOnlySpan<T> x = xArray.AsSpan(xOffset + (plane * g.H * g.W), g.H * g.W);
        if (IsShiftedPlane(g))
        {
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    int r = (((c * g.Kh) + ki) * g.Kw) + kj;
                    ShiftCopy(x, colsArray.AsSpan((r * rowStride) + (n * g.L), g.L), g, ki, kj);
                }
            }

            return;
        }

        for (int ki = 0; ki < g.Kh; ki++)
        {
            for (int kj = 0; kj < g.Kw; kj++)
            {
                int r = (((c * g.Kh) + ki) * g.Kw) + kj;
                var row = colsArray.AsSpan((r * rowStride) + (n * g.L), g.L);
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

    private static void Col2ImPlane<T>(T[] colsArray, T[] dxArray, int dxOffset, Im2ColGeometry g, int plane)
        where T : unmanaged, INumber<T>
    {
        int n = plane / g.C, c = plane % g.C, rowStride = g.N * g.L;
        Span<T> dx = dxArray.AsSpan(dxOffset + (plane * g.H * g.W), g.H * g.W);
        if (IsShiftedPlane(g))
        {
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    int r = (((c * g.Kh) + ki) * g.Kw) + kj;
                    ShiftAdd(colsArray.AsSpan((r * rowStride) + (n * g.L), g.L), dx, g, ki, kj);
                }
            }

            return;
        }

        for (int ki = 0; ki < g.Kh; ki++)
        {
            for (int kj = 0; kj < g.Kw; kj++)
            {
                int r = (((c * g.Kh) + ki) * g.Kw) + kj;
                ReadOnlySpan<T> row = colsArray.AsSpan((r * rowStride) + (n * g.L), g.L);
                var (xLo, xHi) = g.ValidRange(kj, g.Sw, g.Pw, g.Dw, g.W, g.Ow);
                if (xLo >= xHi) continue;
                for (int oy = 0; oy < g.Oh; oy++)
                {
                    int iy = (oy * g.Sh) - g.Ph + (ki * g.Dh);
                    if (iy < 0 || iy >= g.H) continue;
                    var src = row.Slice((oy * g.Ow) + xLo, xHi - xLo);
                    var dstRow = dx.Slice(iy * g.W, g.W);
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

    /// <summary>
    /// Stride 1 with an output row as wide as the input row ("same" padding along the width): then the column row
    /// of tap (ki, kj) is the input plane shifted by one constant offset, so it is one bulk copy (or add) of the
    /// whole plane instead of one short copy per output row, plus zeros where a tap falls into the padding.
    /// </summary>
    internal static bool IsShiftedPlane(Im2ColGeometry g) => g.Sh == 1 && g.Sw == 1 && g.Ow == g.W;

    /// <summary>The flat offset from output position l to input position l + shift for tap (ki, kj), on a shifted plane.</summary>
    private static int Shift(Im2ColGeometry g, int ki, int kj) => (((ki * g.Dh) - g.Ph) * g.W) + ((kj * g.Dw) - g.Pw);

    // row[l] = x[l + shift] where the tap is inside the plane, else 0. Positions whose column falls outside the
    // input row would read the neighbouring row after the bulk copy: they are set to zero afterwards.
    private static void ShiftCopy<T>(ReadOnlySpan<T> x, Span<T> row, Im2ColGeometry g, int ki, int kj)
        where T : unmanaged, INumber<T>
    {
        int shift = Shift(g, ki, kj), lo = Math.Clamp(-shift, 0, g.L), hi = Math.Clamp(x.Length - shift, lo, g.L);
        row[..lo].Clear();
        row[hi..].Clear();
        if (hi > lo) x.Slice(lo + shift, hi - lo).CopyTo(row[lo..hi]);
        ZeroOutsideColumns(row, g, kj, lo / g.Ow, (hi + g.Ow - 1) / g.Ow);
    }

    // dx[l + shift] += row[l] for every tap inside the plane. The scratch row is the caller's own: its entries for
    // taps that fall into the padding are discarded by definition, so they are zeroed first and the whole valid
    // span is then added in one vector pass (adding an exact zero changes nothing).
    private static void ShiftAdd<T>(Span<T> row, Span<T> dx, Im2ColGeometry g, int ki, int kj)
        where T : unmanaged, INumber<T>
    {
        int shift = Shift(g, ki, kj), lo = Math.Clamp(-shift, 0, g.L), hi = Math.Clamp(dx.Length - shift, lo, g.L);
        if (hi <= lo) return;
        ZeroOutsideColumns(row, g, kj, lo / g.Ow, (hi + g.Ow - 1) / g.Ow);
        var dst = dx.Slice(lo + shift, hi - lo);
        TensorPrimitives.Add(dst, row[lo..hi], dst);
    }

    // Zeroes, on output rows [oy0, oy1), the columns whose input column lies in the padding.
    private static void ZeroOutsideColumns<T>(Span<T> row, Im2ColGeometry g, int kj, int oy0, int oy1)
        where T : unmanaged, INumber<T>
    {
        var (xLo, xHi) = g.ValidRange(kj, g.Sw, g.Pw, g.Dw, g.W, g.Ow);
        if (xLo == 0 && xHi == g.Ow) return;
        for (int oy = oy0; oy < oy1; oy++)
        {
            var r = row.Slice(oy * g.Ow, g.Ow);
            r[..xLo].Clear();
            r[Math.Max(xLo, xHi)..].Clear();
        }
    }
}
