using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Row kernels for the reductions beyond sum/mean. Every kernel sees one "row": the elements that reduce to
/// one output value, laid out densely by <see cref="Reduction.AsRows"/> (kept dims outside, reduced dims inside).
/// </summary>
internal static class ReduceKernels
{
    /// <summary>
    /// The inverse of <see cref="Reduction.AsRows"/>: a dense tensor laid out as (kept dims..., reduced dims...)
    /// put back into the input's dim order, as a contiguous tensor of shape <paramref name="inShape"/>.
    /// </summary>
    public static Tensor FromRows(Tensor rows, int[] inShape, int[] dims)
    {
        var kept = Enumerable.Range(0, inShape.Length).Where(d => Array.IndexOf(dims, d) < 0);
        int[] perm = kept.Concat(dims).ToArray();
        int[] permShape = perm.Select(d => inShape[d]).ToArray();
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        using (Tensor.NoGrad())
        {
            return rows.Detach().Reshape(permShape).Permute(inverse).Contiguous();
        }
    }

    /// <summary>Largest element; NaN if any element is NaN (as torch.max).</summary>
    public static T Max<T>(ReadOnlySpan<T> row)
        where T : INumber<T> => TensorPrimitives.Max(row);

    /// <summary>Smallest element; NaN if any element is NaN.</summary>
    public static T Min<T>(ReadOnlySpan<T> row)
        where T : INumber<T> => TensorPrimitives.Min(row);

    /// <summary>Index of the first largest element; a NaN counts as larger than everything (as torch.argmax).</summary>
    public static long ArgMax<T>(ReadOnlySpan<T> row)
        where T : INumber<T>
    {
        int best = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (T.IsNaN(row[i])) return i;
            if (row[i] > row[best]) best = i;
        }

        return best;
    }

    /// <summary>Index of the first smallest element; a NaN counts as smaller than everything (as torch.argmin).</summary>
    public static long ArgMin<T>(ReadOnlySpan<T> row)
        where T : INumber<T>
    {
        int best = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (T.IsNaN(row[i])) return i;
            if (row[i] < row[best]) best = i;
        }

        return best;
    }

    /// <summary>Product of the elements (int64 wraps on overflow, as in torch).</summary>
    public static T Prod<T>(ReadOnlySpan<T> row)
        where T : INumber<T>
    {
        T p = T.One;
        foreach (T v in row) p *= v;
        return p;
    }

    /// <summary>
    /// d prod / d x_i = prod_{j != i} x_j, computed as (product before i) * (product after i): exact even when
    /// some x_j are zero, where prod / x_i would divide by zero.
    /// </summary>
    public static void ProdGrad<T>(ReadOnlySpan<T> row, T g, Span<T> d)
        where T : INumber<T>
    {
        T before = T.One;
        for (int i = 0; i < row.Length; i++)
        {
            d[i] = before;
            before *= row[i];
        }

        T after = T.One;
        for (int i = row.Length - 1; i >= 0; i--)
        {
            d[i] *= after * g;
            after *= row[i];
        }
    }

    /// <summary>Mean and sum of squared deviations of a row, two-pass in double (stable for large offsets).</summary>
    public static (double Mean, double SquaredDeviations) Moments<T>(ReadOnlySpan<T> row)
        where T : INumber<T>
    {
        double sum = 0;
        foreach (T v in row) sum += double.CreateTruncating(v);
        double mean = sum / row.Length;
        double ss = 0;
        foreach (T v in row)
        {
            double dv = double.CreateTruncating(v) - mean;
            ss += dv * dv;
        }

        return (mean, ss);
    }

    /// <summary>Vector p-norm of a row: (sum |x|^p)^(1/p); p = inf is max |x|, -inf min |x|, 0 counts nonzeros.</summary>
    public static T Norm<T>(ReadOnlySpan<T> row, double p)
        where T : IFloatingPointIeee754<T>
    {
        if (row.Length == 0) return double.IsNegativeInfinity(p) ? T.PositiveInfinity : T.Zero;
        if (p == 2) return T.Sqrt(TensorPrimitives.SumOfSquares(row));
        if (p == 1) return TensorPrimitives.SumOfMagnitudes(row);
        if (double.IsPositiveInfinity(p)) return T.Abs(TensorPrimitives.MaxMagnitude(row));
        if (double.IsNegativeInfinity(p)) return T.Abs(TensorPrimitives.MinMagnitude(row));
        double acc = 0;
        if (p == 0)
        {
            foreach (T v in row) acc += v != T.Zero ? 1 : 0;
            return T.CreateTruncating(acc);
        }

        foreach (T v in row) acc += Math.Pow(Math.Abs(double.CreateTruncating(v)), p);
        return T.CreateTruncating(Math.Pow(acc, 1 / p));
    }

    /// <summary>
    /// log(sum(exp(x))) computed stably as m + log(sum(exp(x - m))) with m = max(x); an infinite m is replaced
    /// by 0 (as torch) so rows of -inf give -inf, not NaN.
    /// </summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> row, Span<T> scratch)
        where T : IFloatingPointIeee754<T>
    {
        if (row.Length == 0) return T.NegativeInfinity;
        T m = TensorPrimitives.Max(row);
        if (T.IsInfinity(m)) m = T.Zero;
        var e = scratch[..row.Length];
        TensorPrimitives.Subtract(row, m, e);
        TensorPrimitives.Exp(e, e);
        return T.Log(TensorPrimitives.Sum<T>(e)) + m;
    }

    /// <summary>
    /// Softmax of every row of a dense (rows, n) buffer: y = exp(x - max) / sum(exp(x - max)); for
    /// <paramref name="log"/>, y = x - max - log(sum(exp(x - max))). Subtracting the max keeps exp from overflowing.
    /// </summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int n, bool log)
        where T : IFloatingPointIeee754<T>
    {
        var scratch = log ? new T[n] : null;
        for (int pos = 0; pos < x.Length; pos += n)
        {
            var src = x.Slice(pos, n);
            var dst = y.Slice(pos, n);
            T m = TensorPrimitives.Max(src);
            TensorPrimitives.Subtract(src, m, dst);
            if (log)
            {
                TensorPrimitives.Exp(dst, scratch);
                TensorPrimitives.Subtract(dst, T.Log(TensorPrimitives.Sum<T>(scratch)), dst);
            }
            else
            {
                TensorPrimitives.Exp(dst, dst);
                TensorPrimitives.Multiply(dst, T.One / TensorPrimitives.Sum<T>(dst), dst);
            }
        }
    }

    /// <summary>Rows summed in one block before the block's total joins the running sum.</summary>
    internal const int ColumnBlock = 64;

    /// <summary>
    /// Column sums of a dense (rows, cols) buffer: <c>sums[j] = Σ_i x[i, j]</c> (a bias gradient, a sum over
    /// leading dims). Whole rows are added with vector adds, so the buffer is read once in order; the generic
    /// reduction would transpose it first. Blocks of <see cref="ColumnBlock"/> rows are summed apart and then
    /// added up, which keeps float32 rounding error growing with rows / 64 + 64 instead of rows.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void SumColumns<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums)
        where T : unmanaged, INumber<T>
    {
        sums = sums[..cols];
        sums.Clear();
        if (rows <= ColumnBlock)
        {
            for (int i = 0; i < rows; i++) TensorPrimitives.Add(sums, x.Slice(i * cols, cols), sums);
            return;
        }

        var rented = System.Buffers.ArrayPool<T>.Shared.Rent(cols);
        var block = rented.AsSpan(0, cols);
        for (int start = 0; start < rows; start += ColumnBlock)
        {
            int end = Math.Min(rows, start + ColumnBlock);
            x.Slice(start * cols, cols).CopyTo(block);
            for (int i = start + 1; i < end; i++) TensorPrimitives.Add(block, x.Slice(i * cols, cols), block);
            TensorPrimitives.Add(sums, block, sums);
        }

        System.Buffers.ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>The plain-loop twin of <see cref="SumColumns{T}"/>: one running sum per column, in double.</summary>
    public static void SumColumnsReference<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> sums)
        where T : unmanaged, INumber<T>
    {
        for (int j = 0; j < cols; j++)
        {
            double s = 0;
            for (int i = 0; i < rows; i++) s += double.CreateTruncating(x[(i * cols) + j]);
            sums[j] = T.CreateTruncating(s);
        }
    }

    /// <summary>
    /// Backward of <see cref="Softmax{T}"/> for every row of dense (rows, n) buffers of the output y and the upstream
    /// gradient g: dx = y·(g − Σ g·y) for softmax, dx = g − exp(y)·Σ g for log_softmax.
    /// </summary>
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int n, bool log)
        where T : IFloatingPointIeee754<T>
    {
        for (int pos = 0; pos < y.Length; pos += n)
        {
            var yr = y.Slice(pos, n);
            var gr = g.Slice(pos, n);
            var dr = dx.Slice(pos, n);
            if (log)
            {
                T s = TensorPrimitives.Sum(gr);
                TensorPrimitives.Exp(yr, dr);
                TensorPrimitives.Multiply(dr, s, dr);
                TensorPrimitives.Subtract(gr, dr, dr);
            }
            else
            {
                T s = TensorPrimitives.Dot(gr, yr);
                TensorPrimitives.Subtract(gr, s, dr);
                TensorPrimitives.Multiply(dr, yr, dr);
            }
        }
    }

    /// <summary>Inclusive running sum along each row of a dense (rows, n) buffer; <paramref name="reverse"/> sums from the end.</summary>
    public static void CumSum<T>(ReadOnlySpan<T> x, Span<T> y, int n, bool reverse)
        where T : INumber<T>
    {
        for (int pos = 0; pos < x.Length; pos += n)
        {
            T acc = T.Zero;
            if (reverse)
            {
                for (int i = n - 1; i >= 0; i--) y[pos + i] = acc += x[pos + i];
            }
            else
            {
                for (int i = 0; i < n; i++) y[pos + i] = acc += x[pos + i];
            }
        }
    }
}
