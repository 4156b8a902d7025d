using System.Numerics;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// 2-D convolution as its definition, in plain loops: what <see cref="Conv2dKernel"/> must agree with and what a
/// learner reads. All arrays are contiguous, offset 0: x (N, C, H, W), w (O, C/G, kh, kw), b (O), y (N, O, Oh, Ow).
/// </summary>
internal static class Conv2dReference
{
    /// <summary>y[n, o, oy, ox] = b[o] + sum over c in o's group, i, j of w[o, c, i, j] x[n, g*C/G + c, oy*sh - ph + i*dh, ox*sw - pw + j*dw].</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Im2ColGeometry g, int outChannels, int groups)
        where T : unmanaged, INumber<T>
    {
        int cg = g.C / groups, og = outChannels / groups;
        for (int n = 0; n < g.N; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                int c0 = o / og * cg;
                for (int oy = 0; oy < g.Oh; oy++)
                {
                    for (int ox = 0; ox < g.Ow; ox++)
                    {
                        T sum = b.IsEmpty ? T.Zero : b[o];
                        for (int c = 0; c < cg; c++)
                        {
                            for (int i = 0; i < g.Kh; i++)
                            {
                                for (int j = 0; j < g.Kw; j++)
                                {
                                    int iy = (oy * g.Sh) - g.Ph + (i * g.Dh), ix = (ox * g.Sw) - g.Pw + (j * g.Dw);
                                    if (iy < 0 || iy >= g.H || ix < 0 || ix >= g.W) continue;
                                    sum += w[(((((o * cg) + c) * g.Kh) + i) * g.Kw) + j] * x[(((((n * g.C) + c0 + c) * g.H) + iy) * g.W) + ix];
                                }
                            }
                        }

                        y[(((((n * outChannels) + o) * g.Oh) + oy) * g.Ow) + ox] = sum;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The three gradients, each term of the forward sum differentiated: dx[.., iy, ix] += w[o, c, i, j] dy[n, o, oy, ox];
    /// dw[o, c, i, j] += x[n, c, iy, ix] dy[n, o, oy, ox]; db[o] += dy[n, o, oy, ox]. dx, dw, db must be zeroed.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> dy, Span<T> dx, Span<T> dw, Span<T> db, Im2ColGeometry g, int outChannels, int groups)
        where T : unmanaged, INumber<T>
    {
        int cg = g.C / groups, og = outChannels / groups;
        for (int n = 0; n < g.N; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                int c0 = o / og * cg;
                for (int oy = 0; oy < g.Oh; oy++)
                {
                    for (int ox = 0; ox < g.Ow; ox++)
                    {
                        T d = dy[(((((n * outChannels) + o) * g.Oh) + oy) * g.Ow) + ox];
                        db[o] += d;
                        for (int c = 0; c < cg; c++)
                        {
                            for (int i = 0; i < g.Kh; i++)
                            {
                                for (int j = 0; j < g.Kw; j++)
                                {
                                    int iy = (oy * g.Sh) - g.Ph + (i * g.Dh), ix = (ox * g.Sw) - g.Pw + (j * g.Dw);
                                    if (iy < 0 || iy >= g.H || ix < 0 || ix >= g.W) continue;
                                    int wi = (((((o * cg) + c) * g.Kh) + i) * g.Kw) + j;
                                    int xi = (((((n * g.C) + c0 + c) * g.H) + iy) * g.W) + ix;
                                    dx[xi] += w[wi] * d;
                                    dw[wi] += x[xi] * d;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The gradients of <c>max_pool2d(relu(conv(x, w) + b), 2)</c> (stride 1, dilation 1, one group) from the pooled
    /// gradient <paramref name="pooledGrad"/> (N, O, Oh / 2, Ow / 2) and the winner of each window (0..3 = top left,
    /// top right, bottom left, bottom right; 4 = none): <see cref="Backward{T}"/> with dy zero except at the winners, so
    /// only the winners' terms. What <see cref="PooledConvBackward"/> must agree with. dx, dw, db must be zeroed.
    /// </summary>
    public static void BackwardFromPooled<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> pooledGrad, ReadOnlySpan<byte> winners, Span<T> dx, Span<T> dw, Span<T> db, Im2ColGeometry g, int outChannels)
        where T : unmanaged, INumber<T>
    {
        int ph = g.Oh / 2, pw = g.Ow / 2;
        for (int n = 0; n < g.N; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int py = 0; py < ph; py++)
                {
                    for (int px = 0; px < pw; px++)
                    {
                        int cell = (((((n * outChannels) + o) * ph) + py) * pw) + px;
                        int winner = winners[cell];
                        if (winner > 3) continue;
                        int oy = (2 * py) + (winner / 2), ox = (2 * px) + (winner % 2);
                        T d = pooledGrad[cell];
                        db[o] += d;
                        for (int c = 0; c < g.C; c++)
                        {
                            for (int i = 0; i < g.Kh; i++)
                            {
                                for (int j = 0; j < g.Kw; j++)
                                {
                                    int iy = oy - g.Ph + i, ix = ox - g.Pw + j;
                                    if (iy < 0 || iy >= g.H || ix < 0 || ix >= g.W) continue;
                                    int wi = (((((o * g.C) + c) * g.Kh) + i) * g.Kw) + j;
                                    int xi = (((((n * g.C) + c) * g.H) + iy) * g.W) + ix;
                                    dx[xi] += w[wi] * d;
                                    dw[wi] += x[xi] * d;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
