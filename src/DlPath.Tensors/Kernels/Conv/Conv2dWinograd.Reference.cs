namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// The readable twin of <see cref="Conv2dWinograd.ForwardReluPool2x2"/>: Winograd's F(2x2, 3x3) written with its
/// three matrices and plain loops, tile by tile, then the same bias, ReLU, pooling and winner rule.
/// </summary>
internal static partial class Conv2dWinograd
{
    // F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", 2015): for a 4x4 input
    // patch d and a 3x3 kernel g, the 2x2 outputs of the "valid" correlation of d with g are A^T [(G g G^T) ⊙ (B^T d B)] A.
    private static readonly float[,] Bt = { { 1, 0, -1, 0 }, { 0, 1, 1, 0 }, { 0, -1, 1, 0 }, { 0, 1, 0, -1 } };
    private static readonly float[,] G = { { 1, 0, 0 }, { 0.5f, 0.5f, 0.5f }, { 0.5f, -0.5f, 0.5f }, { 0, 0, 1 } };
    private static readonly float[,] At = { { 1, 1, 1, 0 }, { 0, 1, -1, -1 } };

    /// <summary>
    /// pooled (N, O, H / 2, W / 2) = max_pool2d(relu(conv(x, w) + bias), 2) and the winner bytes (same layout), for
    /// a 3x3 kernel, padding 1, stride 1, even H and W; x (N, C, H, W) and w (O, C, 3, 3) contiguous from offset 0.
    /// </summary>
    /// <remarks>
    /// The products associate as the fast kernel's adds do ((G g) G^T, B^T (d B), (A^T M) A), the sum over c is a
    /// fused multiply-add from 0 in channel order, the bias comes last, and terms with a zero factor are left out,
    /// so the two agree bit for bit up to the sign of zeros and NaN payloads, which pooling does not show.
    /// </remarks>
    public static void ReferenceReluPool2x2(float[] x, float[] w, float[]? bias, float[] pooled, byte[] winners, Im2ColGeometry g, int outChannels)
    {
        int th = g.H / 2, tw = g.W / 2;
        var d = new float[4, 4];
        var gk = new float[3, 3];
        var m = new float[4, 4];
        for (int n = 0; n < g.N; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int ty = 0; ty < th; ty++)
                {
                    for (int tx = 0; tx < tw; tx++)
                    {
                        // M = sum over c of U ⊙ V, U = G g G^T (4x4), V = B^T d B (4x4).
                        Array.Clear(m);
                        for (int c = 0; c < g.C; c++)
                        {
                            for (int i = 0; i < 3; i++)
                            {
                                for (int j = 0; j < 3; j++) gk[i, j] = w[(((((o * g.C) + c) * 3) + i) * 3) + j];
                            }

                            // The patch: rows 2 ty - 1 .. 2 ty + 2, columns 2 tx - 1 .. 2 tx + 2, zero outside the image.
                            for (int i = 0; i < 4; i++)
                            {
                                for (int j = 0; j < 4; j++)
                                {
                                    int iy = (2 * ty) - 1 + i, ix = (2 * tx) - 1 + j;
                                    d[i, j] = iy >= 0 && iy < g.H && ix >= 0 && ix < g.W ? x[(((((n * g.C) + c) * g.H) + iy) * g.W) + ix] : 0f;
                                }
                            }

                            var u = Mul(Mul(G, gk), Transpose(G));
                            var v = Mul(Bt, Mul(d, Transpose(Bt)));
                            for (int i = 0; i < 4; i++)
                            {
                                for (int j = 0; j < 4; j++) m[i, j] = MathF.FusedMultiplyAdd(u[i, j], v[i, j], m[i, j]);
                            }
                        }

                        var y = Mul(Mul(At, m), Transpose(At));
                        float b = bias is null ? 0f : bias[o];
                        float[] cells = [y[0, 0] + b, y[0, 1] + b, y[1, 0] + b, y[1, 1] + b];

                        // Pooling as max_pool2d(relu(.)): the first cell that is strictly greater (or NaN) wins and a NaN
                        // stays; the output is the max where it is > 0 or NaN, else +0; the winner only where it is > 0.
                        int best = 0;
                        for (int k = 1; k < 4; k++)
                        {
                            if (!float.IsNaN(cells[best]) && (float.IsNaN(cells[k]) || cells[k] > cells[best])) best = k;
                        }

                        float max = cells[best];
                        int at = (((((n * outChannels) + o) * th) + ty) * tw) + tx;
                        pooled[at] = float.IsNaN(max) || max > 0 ? max : 0f;
                        winners[at] = max > 0 ? (byte)best : Conv2dDirect.NoWinner;
                    }
                }
            }
        }
    }

    // a (r x k) · b (k x c), the products summed in order from 0. A product with a zero factor is left out: the
    // transforms' zeros are structural (0 times an infinite input would be NaN), and a zero term changes no sum.
    private static float[,] Mul(float[,] a, float[,] b)
    {
        int rows = a.GetLength(0), inner = a.GetLength(1), cols = b.GetLength(1);
        var p = new float[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                float sum = 0f;
                for (int k = 0; k < inner; k++)
                {
                    if (a[i, k] != 0 && b[k, j] != 0) sum += a[i, k] * b[k, j];
                }

                p[i, j] = sum;
            }
        }

        return p;
    }

    private static float[,] Transpose(float[,] a)
    {
        var t = new float[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        }

        return t;
    }
}
