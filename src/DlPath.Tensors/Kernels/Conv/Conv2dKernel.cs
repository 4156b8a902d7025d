using System.Numerics;
using System.Numerics.Tensors;
using DlPath.Tensors.Buffers;

namespace DlPath.Tensors.Kernels.Conv;

/// <summary>
/// 2-D convolution on the packed GEMM (im2col into pooled scratch). For a chunk of samples the columns are laid
/// out (C*kh*kw, chunk*L), so each pass is one large product per group, not one small product per sample:
/// <list type="bullet">
/// <item>forward: Y' (O, chunk*L) = W (O, K) @ cols (K, chunk*L), then Y[n, o, l] = Y'[o, n*L + l] + b[o];</item>
/// <item>weight gradient: dW (O, K) += dY' (O, chunk*L) @ cols^T, with dY' the gradient in the same layout;</item>
/// <item>input gradient: dcols (K, chunk*L) = W^T @ dY', then col2im adds every column back to its pixel.</item>
/// </list>
/// The batch is cut into chunks so the columns stay within a few MiB (cache- and memory-friendly), and the
/// backward recomputes the columns instead of keeping them alive between forward and backward: no buffer
/// outlives the call that rented it. The plain-loop twin is <see cref="Conv2dReference"/>.
/// <para>
/// Two cases skip the columns: float32 convolutions with stride 1, dilation 1 and one group run the direct kernels
/// of <see cref="Conv2dDirect"/> (forward, input and weight gradient; a 3x3 weight gradient on its own kernel, any
/// channel count), and any other weight gradient with few taps (K &lt;= 32, a first layer) is taken as per-sample
/// dot products.
/// </para>
/// </summary>
internal static class Conv2dKernel
{
    /// <summary>Most column elements per chunk (2 MiB of float32: the columns of a chunk stay in L2 between im2col and the GEMM).</summary>
    private const long MaxColumnElements = 1 << 19;

    /// <summary>Up to this many kernel taps (C*kh*kw) the weight gradient is taken as dot products per sample.</summary>
    private const int SmallK = 32;

    /// <summary>Below this many elements a copy between layouts stays on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    /// <summary>Samples per chunk: as few equal chunks as keep the columns under <see cref="MaxColumnElements"/>.</summary>
    internal static int ChunkSize(Im2ColGeometry g)
    {
        long perSample = Math.Max(1L, (long)g.C * g.Kh * g.Kw * g.L);
        long chunks = Math.Max(1, ((perSample * g.N) + MaxColumnElements - 1) / MaxColumnElements);
        return (int)Math.Max(1, (g.N + chunks - 1) / chunks);
    }

    /// <summary>
    /// y (N, O, Oh, Ow) = conv(x (N, C, H, W), w (O, C/groups, kh, kw)) + bias (O); all contiguous, arrays with
    /// offsets; <paramref name="bias"/> null for none. Every element of y is written.
    /// </summary>
    public static void Forward<T>(T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, Im2ColGeometry g, int outChannels, int groups)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float) && Conv2dDirect.Suits(g, groups))
        {
            Conv2dDirect.Forward((float[])(object)x, xOffset, (float[])(object)w, wOffset, (float[]?)(object?)bias, biasOffset, (float[])(object)y, g, outChannels);
            return;
        }

        int k = g.C * g.Kh * g.Kw, kg = k / groups, og = outChannels / groups, l = g.L, planeIn = g.C * g.H * g.W;
        int chunk = ChunkSize(g);
        using var cols = ScratchBuffer<T>.Rent(k * chunk * l);
        using var yp = ScratchBuffer<T>.Rent(outChannels * chunk * l);
        for (int n0 = 0; n0 < g.N; n0 += chunk)
        {
            int count = Math.Min(chunk, g.N - n0), nl = count * l;
            var gc = g with { N = count };
            ConvColumns.Im2Col(x, xOffset + (n0 * planeIn), cols.Array, gc);
            for (int gi = 0; gi < groups; gi++)
            {
                // Y'_g (O/G, nl) = W_g (O/G, K/G) @ cols_g (K/G, nl)
                GemmOf.Multiply<T>(false, false, og, nl, kg,
                    w.AsSpan(wOffset + (gi * og * kg), og * kg), kg,
                    cols.Array.AsSpan(gi * kg * nl, kg * nl), nl,
                    T.Zero, yp.Array.AsSpan(gi * og * nl, og * nl), nl);
            }

            Scatter(yp.Array, y, n0 * outChannels * l, count, outChannels, l, bias, biasOffset);
        }
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> for dy (N, O, Oh, Ow): dx (N, C, H, W) is overwritten, dw (O, C/G, kh, kw)
    /// and db (O) are overwritten; pass null for any gradient that is not needed (its work is skipped).
    /// </summary>
    public static void Backward<T>(T[] x, int xOffset, T[] w, int wOffset, T[] dy, int dyOffset, T[]? dx, T[]? dw, T[]? db, Im2ColGeometry g, int outChannels, int groups)
        where T : unmanaged, INumber<T>
    {
        int k = g.C * g.Kh * g.Kw, kg = k / groups, og = outChannels / groups, l = g.L, planeIn = g.C * g.H * g.W;
        if (dx is not null && dw is not null && typeof(T) == typeof(float) && Conv2dDirect.Suits(g, groups) && Conv2dDirect.SuitsBackward3x3(g))
        {
            // Both gradients of a 3x3 "same" layer from one copy of dy.
            Conv2dDirect.Backward3x3((float[])(object)x, xOffset, (float[])(object)w, wOffset, (float[])(object)dy, dyOffset, (float[])(object)dx, (float[])(object)dw, (float[]?)(object?)db, g, outChannels);
            return;
        }

        if (dx is not null && typeof(T) == typeof(float) && Conv2dDirect.Suits(g, groups))
        {
            // dx is the transposed convolution of dy, run by the direct kernel; no columns, no col2im.
            Conv2dDirect.InputGrad((float[])(object)dy, dyOffset, (float[])(object)w, wOffset, (float[])(object)dx, g, outChannels);
            if (dw is null && db is null) return;
            dx = null;
        }

        if (dw is not null && typeof(T) == typeof(float) && Conv2dDirect.Suits(g, groups) && (k > SmallK || Conv2dDirect.SuitsWeightGrad3x3(g)))
        {
            var (xf, dyf, dwf, dbf) = ((float[])(object)x, (float[])(object)dy, (float[])(object)dw, (float[]?)(object?)db);
            if (Conv2dDirect.SuitsWeightGrad3x3(g)) Conv2dDirect.WeightGrad3x3(xf, xOffset, dyf, dyOffset, dwf, dbf, g, outChannels);
            else Conv2dDirect.WeightGrad(xf, xOffset, dyf, dyOffset, dwf, dbf, g, outChannels);
            if (dx is null) return;
            dw = null;
            db = null;
        }

        if (dx is not null) Array.Clear(dx);
        if (db is not null) Array.Clear(db);
        if (dw is not null && groups == 1 && k <= SmallK)
        {
            // A first layer (one to three input channels): dW has only O x K entries, each a long dot product, so a
            // GEMM with a K-wide side would pad most of its tiles; dot products per sample need neither the dY'
            // layout copy nor a columns buffer larger than one sample.
            WeightGradByDots(x, xOffset, dy, dyOffset, dw, db, g, outChannels);
            if (dx is null) return;
            dw = null;
            db = null;
        }

        // Rented only here: the direct kernels above need neither buffer.
        int chunk = ChunkSize(g);
        using var dyp = ScratchBuffer<T>.Rent(outChannels * chunk * l);
        using var cols = ScratchBuffer<T>.Rent(k * chunk * l);
        for (int n0 = 0; n0 < g.N; n0 += chunk)
        {
            int count = Math.Min(chunk, g.N - n0), nl = count * l;
            var gc = g with { N = count };
            Gather(dy, dyOffset + (n0 * outChannels * l), dyp.Array, count, outChannels, l);
            if (db is not null)
            {
                // db[o] = sum over samples and positions of dy[n, o, l]: one row of dY'.
                for (int o = 0; o < outChannels; o++) db[o] += TensorPrimitives.Sum<T>(dyp.Array.AsSpan(o * nl, nl));
            }

            if (dw is not null)
            {
                ConvColumns.Im2Col(x, xOffset + (n0 * planeIn), cols.Array, gc);
                T beta = n0 == 0 ? T.Zero : T.One;
                for (int gi = 0; gi < groups; gi++)
                {
                    // dW_g (O/G, K/G) += dY'_g (O/G, nl) @ cols_g^T (nl, K/G)
                    GemmOf.Multiply<T>(false, true, og, kg, nl,
                        dyp.Array.AsSpan(gi * og * nl, og * nl), nl,
                        cols.Array.AsSpan(gi * kg * nl, kg * nl), nl,
                        beta, dw.AsSpan(gi * og * kg, og * kg), kg);
                }
            }

            if (dx is not null)
            {
                for (int gi = 0; gi < groups; gi++)
                {
                    // dcols_g (K/G, nl) = W_g^T (K/G, O/G) @ dY'_g (O/G, nl)
                    GemmOf.Multiply<T>(true, false, kg, nl, og,
                        w.AsSpan(wOffset + (gi * og * kg), og * kg), kg,
                        dyp.Array.AsSpan(gi * og * nl, og * nl), nl,
                        T.Zero, cols.Array.AsSpan(gi * kg * nl, kg * nl), nl);
                }

                ConvColumns.Col2Im(cols.Array, dx, n0 * planeIn, gc);
            }
        }
    }

    // dW[o, r] = sum over n, l of dy[n, o, l] cols_n[r, l] and db[o] = sum of dy[n, o, :], one sample at a time: the
    // sample's columns (K x L) stay in cache while all O rows of its gradient pass over them. Samples are split over
    // the threads; each thread sums into its own partial dW and db, added up at the end (in a fixed order).
    private static void WeightGradByDots<T>(T[] x, int xOffset, T[] dy, int dyOffset, T[] dw, T[]? db, Im2ColGeometry g, int outChannels)
        where T : unmanaged, INumber<T>
    {
        int k = g.C * g.Kh * g.Kw, l = g.L, planeIn = g.C * g.H * g.W, o = outChannels;
        int parts = (long)g.N * o * k * l < 1 << 18 ? 1 : Math.Min(g.N, Environment.ProcessorCount);
        using var partial = ScratchBuffer<T>.Rent(parts * ((o * k) + o), clear: true);
        var one = g with { N = 1 };
        void Part(int part)
        {
            var pdw = partial.Array.AsSpan(part * ((o * k) + o), o * k);
            var pdb = partial.Array.AsSpan((part * ((o * k) + o)) + (o * k), o);
            using var cols = ScratchBuffer<T>.Rent(k * l);
            for (int n = g.N * part / parts, end = g.N * (part + 1) / parts; n < end; n++)
            {
                ConvColumns.Im2Col(x, xOffset + (n * planeIn), cols.Array, one);
                for (int oc = 0; oc < o; oc++)
                {
                    var row = dy.AsSpan(dyOffset + (((n * o) + oc) * l), l);
                    pdb[oc] += TensorPrimitives.Sum<T>(row);
                    for (int r = 0; r < k; r++) pdw[(oc * k) + r] += TensorPrimitives.Dot<T>(row, cols.Array.AsSpan(r * l, l));
                }
            }
        }

        if (parts == 1) Part(0);
        else Cpu.KernelWorkers.For(parts, Part);
        var sum = partial.Array.AsSpan(0, (o * k) + o);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(sum, partial.Array.AsSpan(p * ((o * k) + o), (o * k) + o), sum);
        sum[..(o * k)].CopyTo(dw);
        if (db is not null) sum.Slice(o * k, o).CopyTo(db);
    }

    // y[n0 + i, o, :] = y'[o, i*L : (i+1)*L] + b[o]: the GEMM's (O, chunk*L) result back to (N, O, L). One work
    // item per sample (O rows), not per row: a row is a few hundred bytes, far less than a delegate call costs.
    private static void Scatter<T>(T[] yp, T[] y, int yOffset, int count, int outChannels, int l, T[]? bias, int biasOffset)
        where T : unmanaged, INumber<T>
    {
        int nl = count * l;
        void Sample(int i)
        {
            for (int o = 0; o < outChannels; o++)
            {
                var src = yp.AsSpan((o * nl) + (i * l), l);
                var dst = y.AsSpan(yOffset + (((i * outChannels) + o) * l), l);
                if (bias is null) src.CopyTo(dst);
                else TensorPrimitives.Add(src, bias[biasOffset + o], dst);
            }
        }

        if ((long)count * outChannels * l < ParallelThreshold || count == 1) for (int i = 0; i < count; i++) Sample(i);
        else Cpu.KernelWorkers.For(count, Sample);
    }

    // dy'[o, i*L + l] = dy[n0 + i, o, l]: the gradient in the GEMM's layout, one work item per sample.
    private static void Gather<T>(T[] dy, int dyOffset, T[] dyp, int count, int outChannels, int l)
        where T : unmanaged, INumber<T>
    {
        int nl = count * l;
        void Sample(int i)
        {
            for (int o = 0; o < outChannels; o++)
            {
                dy.AsSpan(dyOffset + (((i * outChannels) + o) * l), l).CopyTo(dyp.AsSpan((o * nl) + (i * l), l));
            }
        }

        if ((long)count * outChannels * l < ParallelThreshold || count == 1) for (int i = 0; i < count; i++) Sample(i);
        else Cpu.KernelWorkers.For(count, Sample);
    }
}
