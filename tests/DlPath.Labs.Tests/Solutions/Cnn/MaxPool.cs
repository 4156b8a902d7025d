using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>Reference solution of lab 8 (tests only).</summary>
public static class MaxPool
{
    public static Tensor ForwardNaive(Tensor x, int poolHeight, int poolWidth, int stride)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        int ho = 1 + ((h - poolHeight) / stride), wo = 1 + ((w - poolWidth) / stride);
        var xs = x.Contiguous().ToArray<double>();
        var result = new double[n * c * ho * wo];
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    double best = double.NegativeInfinity;
                    for (int di = 0; di < poolHeight; di++)
                        for (int dj = 0; dj < poolWidth; dj++)
                            best = Math.Max(best, xs[(((p * h) + (i * stride) + di) * w) + (j * stride) + dj]);
                    result[(((p * ho) + i) * wo) + j] = best;
                }

        return Tensor.FromArray(result, n, c, ho, wo);
    }

    public static Tensor BackwardNaive(Tensor dout, Tensor x, int poolHeight, int poolWidth, int stride) =>
        Backward(dout, x, poolHeight, poolWidth, stride, spread: false);

    internal static Tensor Backward(Tensor dout, Tensor x, int poolHeight, int poolWidth, int stride, bool spread)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        int ho = dout.Size(2), wo = dout.Size(3);
        var xs = x.Contiguous().ToArray<double>();
        var ds = dout.Contiguous().ToArray<double>();
        var dx = new double[xs.Length];
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                {
                    double g = ds[(((p * ho) + i) * wo) + j];
                    int best = -1;
                    for (int di = 0; di < poolHeight; di++)
                        for (int dj = 0; dj < poolWidth; dj++)
                        {
                            int at = (((p * h) + (i * stride) + di) * w) + (j * stride) + dj;
                            if (spread) dx[at] += g;
                            else if (best < 0 || xs[at] > xs[best]) best = at;
                        }

                    if (!spread) dx[best] += g;
                }

        return Tensor.FromArray(dx, x.ShapeArray());
    }
}
