namespace DlPath.Tensors.Kernels;

/// <summary>
/// The sizes of an im2col / col2im problem: input (N, C, H, W), kernel (Kh, Kw), stride, padding, dilation,
/// and the resulting output grid (Oh, Ow) with L = Oh * Ow patch positions.
/// </summary>
internal readonly record struct Im2ColGeometry(int N, int C, int H, int W, int Kh, int Kw, int Sh, int Sw, int Ph, int Pw, int Dh, int Dw)
{
    /// <summary>Output rows: (H + 2*Ph - Dh*(Kh-1) - 1) / Sh + 1.</summary>
    public int Oh => ((H + (2 * Ph) - (Dh * (Kh - 1)) - 1) / Sh) + 1;

    /// <summary>Output columns: (W + 2*Pw - Dw*(Kw-1) - 1) / Sw + 1.</summary>
    public int Ow => ((W + (2 * Pw) - (Dw * (Kw - 1)) - 1) / Sw) + 1;

    /// <summary>Number of patch positions.</summary>
    public int L => Oh * Ow;

    /// <summary>Validates the arguments the way torch does and names the op in errors.</summary>
    public static Im2ColGeometry Create(string op, int n, int c, int h, int w, int[] kernel, int[]? dilation, int[]? padding, int[]? stride)
    {
        var k = Pair(op, "kernelSize", kernel, 1);
        var d = Pair(op, "dilation", dilation ?? [1], 1);
        var p = Pair(op, "padding", padding ?? [0], 0);
        var s = Pair(op, "stride", stride ?? [1], 1);
        var g = new Im2ColGeometry(n, c, h, w, k.A, k.B, s.A, s.B, p.A, p.B, d.A, d.B);
        if (h + (2 * p.A) - (d.A * (k.A - 1)) - 1 < 0 || w + (2 * p.B) - (d.B * (k.B - 1)) - 1 < 0)
        {
            throw new ShapeException(
                $"{op}: the {h}x{w} input (padded by {p.A},{p.B}) is smaller than the {k.A}x{k.B} kernel with dilation ({d.A},{d.B}), which spans {(d.A * (k.A - 1)) + 1}x{(d.B * (k.B - 1)) + 1}");
        }

        return g;
    }

    /// <summary>
    /// The output columns [lo, hi) whose input column ox*stride - pad + kj*dil lies inside [0, size): the
    /// valid part of a row, so the kernels need no per-element bounds test.
    /// </summary>
    public (int Lo, int Hi) ValidRange(int kj, int stride, int pad, int dil, int size, int outSize)
    {
        int shift = (kj * dil) - pad;

        // ox*stride + shift >= 0  <=>  ox >= ceil(-shift / stride)
        int lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;

        // ox*stride + shift <= size - 1  <=>  ox <= floor((size - 1 - shift) / stride)
        int hi = size - 1 - shift < 0 ? 0 : ((size - 1 - shift) / stride) + 1;
        return (Math.Min(lo, outSize), Math.Clamp(hi, 0, outSize));
    }

    private static (int A, int B) Pair(string op, string name, int[] values, int min)
    {
        if (values.Length is not (1 or 2))
        {
            throw new ArgumentException($"{op}: {name} must have 1 or 2 values, got {values.Length}");
        }

        int a = values[0], b = values[^1];
        if (a < min || b < min)
        {
            throw new ArgumentException($"{op}: {name} must be >= {min}, got ({string.Join(",", values)})");
        }

        return (a, b);
    }
}
