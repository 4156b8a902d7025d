using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>Reference solution of lab 8 (tests only).</summary>
public static class Conv
{
    public static Tensor ForwardNaive(Tensor x, Tensor w, Tensor b, int stride, int pad) => Forward(x, w, b, stride, pad, flip: false);

    internal static Tensor Forward(Tensor x, Tensor w, Tensor b, int stride, int pad, bool flip)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), wd = x.Size(3);
        int f = w.Size(0), hh = w.Size(2), ww = w.Size(3);
        int ho = 1 + ((h + (2 * pad) - hh) / stride), wo = 1 + ((wd + (2 * pad) - ww) / stride);
        var xs = x.Contiguous().ToArray<double>();
        var ws = w.Contiguous().ToArray<double>();
        var bs = b.Contiguous().ToArray<double>();
        var result = new double[n * f * ho * wo];
        for (int ni = 0; ni < n; ni++)
            for (int fi = 0; fi < f; fi++)
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        double sum = bs[fi];
                        for (int ci = 0; ci < c; ci++)
                            for (int di = 0; di < hh; di++)
                                for (int dj = 0; dj < ww; dj++)
                                {
                                    int r = (i * stride) + di - pad, col = (j * stride) + dj - pad;
                                    if (r < 0 || r >= h || col < 0 || col >= wd) continue;
                                    int ki = flip ? hh - 1 - di : di, kj = flip ? ww - 1 - dj : dj;
                                    sum += xs[((((ni * c) + ci) * h) + r) * wd + col] * ws[((((fi * c) + ci) * hh) + ki) * ww + kj];
                                }

                        result[((((ni * f) + fi) * ho) + i) * wo + j] = sum;
                    }

        return Tensor.FromArray(result, n, f, ho, wo);
    }

    public static (Tensor Dx, Tensor Dw, Tensor Db) BackwardNaive(Tensor dout, Tensor x, Tensor w, Tensor b, int stride, int pad)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), wd = x.Size(3);
        int f = w.Size(0), hh = w.Size(2), ww = w.Size(3);
        int ho = dout.Size(2), wo = dout.Size(3);
        var xs = x.Contiguous().ToArray<double>();
        var ws = w.Contiguous().ToArray<double>();
        var ds = dout.Contiguous().ToArray<double>();
        var dx = new double[xs.Length];
        var dw = new double[ws.Length];
        var db = new double[f];
        for (int ni = 0; ni < n; ni++)
            for (int fi = 0; fi < f; fi++)
                for (int i = 0; i < ho; i++)
                    for (int j = 0; j < wo; j++)
                    {
                        double g = ds[((((ni * f) + fi) * ho) + i) * wo + j];
                        db[fi] += g;
                        for (int ci = 0; ci < c; ci++)
                            for (int di = 0; di < hh; di++)
                                for (int dj = 0; dj < ww; dj++)
                                {
                                    int r = (i * stride) + di - pad, col = (j * stride) + dj - pad;
                                    if (r < 0 || r >= h || col < 0 || col >= wd) continue;
                                    int xi = ((((ni * c) + ci) * h) + r) * wd + col;
                                    int wi = ((((fi * c) + ci) * hh) + di) * ww + dj;
                                    dw[wi] += g * xs[xi];
                                    dx[xi] += g * ws[wi];
                                }
                    }

        return (Tensor.FromArray(dx, x.ShapeArray()), Tensor.FromArray(dw, w.ShapeArray()), Tensor.FromArray(db, f));
    }
}
