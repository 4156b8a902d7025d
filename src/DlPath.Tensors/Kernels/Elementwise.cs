using System.Numerics;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Drivers for elementwise ops over broadcast, strided tensors. They split the output into rows of its last
/// dim and hand each row to a span kernel, so contiguous and bias-like broadcasts run at vector speed while
/// any other layout stays correct through the scalar form.
/// </summary>
internal static class Elementwise
{
    /// <summary>out = op(a, b) with NumPy broadcasting, computed in <paramref name="dtype"/>.</summary>
    public static Tensor Binary<TOp>(Tensor a, Tensor b, DType dtype, string opName)
        where TOp : IBinaryOp
    {
        int[] outShape = ShapeUtil.Broadcast(a.Shape, b.Shape, opName);
        a = a.To(dtype);
        b = b.To(dtype);
        return dtype switch
        {
            DType.Float32 => Binary<float, TOp>(a, b, outShape),
            DType.Float64 => Binary<double, TOp>(a, b, outShape),
            DType.Int64 => Binary<long, TOp>(a, b, outShape),
            _ => throw new InvalidOperationException($"{opName}: not defined for bool tensors; convert with To(DType.Int64) first"),
        };
    }

    /// <summary>a = op(a, b) in place; b must broadcast to a's shape.</summary>
    public static void BinaryInPlace<TOp>(Tensor a, Tensor b, string opName)
        where TOp : IBinaryOp
    {
        int[] outShape = ShapeUtil.Broadcast(a.Shape, b.Shape, opName);
        if (!ShapeUtil.SameShape(outShape, a.Shape))
        {
            throw new ShapeException($"{opName}: in-place result must keep the shape {a.ShapeString}, but broadcasting with {b.ShapeString} gives {ShapeUtil.Format(outShape)}");
        }

        b = b.To(a.DType);
        switch (a.DType)
        {
            case DType.Float32: BinaryInto<float, TOp>(a, b, a); break;
            case DType.Float64: BinaryInto<double, TOp>(a, b, a); break;
            case DType.Int64: BinaryInto<long, TOp>(a, b, a); break;
            default: throw new InvalidOperationException($"{opName}: not defined for bool tensors");
        }

        a.BumpVersion();
    }

    private static Tensor Binary<T, TOp>(Tensor a, Tensor b, int[] outShape)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        var result = Tensor.Uninitialized<T>(outShape);
        BinaryInto<T, TOp>(a, b, result);
        return result;
    }

    /// <summary>Writes op(a, b) into <paramref name="dst"/>, a contiguous tensor of the broadcast shape (it may be a itself).</summary>
    private static void BinaryInto<T, TOp>(Tensor a, Tensor b, Tensor dst)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        var outShape = dst.Shape;
        int n = dst.Numel;
        if (n == 0) return;
        T[] ad = a.Data<T>(), bd = b.Data<T>(), dd = dst.Data<T>();
        bool aFull = a.IsContiguous && ShapeUtil.SameShape(a.Shape, outShape);
        bool bFull = b.IsContiguous && ShapeUtil.SameShape(b.Shape, outShape);

        // Fast paths: whole tensors as spans, or one side a single broadcast value.
        if (aFull && bFull)
        {
            SpanSpan<T, TOp>(ad, a._offset, bd, b._offset, dd, dst._offset, n);
            return;
        }

        if (aFull && b.Numel == 1)
        {
            SpanValue<T, TOp>(ad, a._offset, bd[b._offset], dd, dst._offset, n);
            return;
        }

        if (bFull && a.Numel == 1)
        {
            ValueSpan<T, TOp>(ad[a._offset], bd, b._offset, dd, dst._offset, n);
            return;
        }

        Span<T> d = dst.AsSpan<T>();

        int rank = outShape.Length;
        int[] sa = BroadcastStrides(a, outShape), sb = BroadcastStrides(b, outShape);
        int inner = outShape[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1];
        Span<int> index = stackalloc int[rank];
        int offA = a._offset, offB = b._offset;
        for (int pos = 0; pos < n; pos += inner)
        {
            var row = d.Slice(pos, inner);
            if (ia == 1 && ib == 1) TOp.Apply<T>(ad.AsSpan(offA, inner), bd.AsSpan(offB, inner), row);
            else if (ia == 1 && ib == 0) TOp.Apply(ad.AsSpan(offA, inner), bd[offB], row);
            else if (ia == 0 && ib == 1) TOp.Apply(ad[offA], bd.AsSpan(offB, inner), row);
            else
            {
                for (int i = 0, pa = offA, pb = offB; i < inner; i++, pa += ia, pb += ib) row[i] = TOp.Apply(ad[pa], bd[pb]);
            }

            for (int dim = rank - 2; dim >= 0; dim--)
            {
                index[dim]++;
                offA += sa[dim];
                offB += sb[dim];
                if (index[dim] < outShape[dim]) break;
                offA -= sa[dim] * outShape[dim];
                offB -= sb[dim] * outShape[dim];
                index[dim] = 0;
            }
        }
    }

    // The fast paths are memory bound: a long float one is shared between the threads in contiguous ranges (see
    // MemoryBoundSplit); a short one, or int64 (whose division by zero must throw as itself, not wrapped by
    // Parallel.For), runs here. d may be x itself (in place), which is safe range by range. The lambdas sit in
    // methods of their own so that the short path allocates no closure.
    private static void SpanSpan<T, TOp>(T[] x, int xo, T[] y, int yo, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        if (Splits<T>(n)) SpanSpanSplit<T, TOp>(x, xo, y, yo, d, dO, n);
        else TOp.Apply<T>(x.AsSpan(xo, n), y.AsSpan(yo, n), d.AsSpan(dO, n));
    }

    private static void SpanValue<T, TOp>(T[] x, int xo, T y, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        if (Splits<T>(n)) SpanValueSplit<T, TOp>(x, xo, y, d, dO, n);
        else TOp.Apply(x.AsSpan(xo, n), y, d.AsSpan(dO, n));
    }

    private static void ValueSpan<T, TOp>(T x, T[] y, int yo, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp
    {
        if (Splits<T>(n)) ValueSpanSplit<T, TOp>(x, y, yo, d, dO, n);
        else TOp.Apply(x, y.AsSpan(yo, n), d.AsSpan(dO, n));
    }

    private static bool Splits<T>(int n) =>
        (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && n >= 2 * MemoryBoundSplit.MinElementsPerThread && KernelOptions.MaxThreads > 1;

    private static void SpanSpanSplit<T, TOp>(T[] x, int xo, T[] y, int yo, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp =>
        MemoryBoundSplit.For(n, (start, len) => TOp.Apply<T>(x.AsSpan(xo + start, len), y.AsSpan(yo + start, len), d.AsSpan(dO + start, len)));

    private static void SpanValueSplit<T, TOp>(T[] x, int xo, T y, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp =>
        MemoryBoundSplit.For(n, (start, len) => TOp.Apply(x.AsSpan(xo + start, len), y, d.AsSpan(dO + start, len)));

    private static void ValueSpanSplit<T, TOp>(T x, T[] y, int yo, T[] d, int dO, int n)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOp =>
        MemoryBoundSplit.For(n, (start, len) => TOp.Apply(x, y.AsSpan(yo + start, len), d.AsSpan(dO + start, len)));

    /// <summary>The strides that read <paramref name="t"/> as if expanded to <paramref name="shape"/> (0 along broadcast dims).</summary>
    public static int[] BroadcastStrides(Tensor t, ReadOnlySpan<int> shape)
    {
        int rank = shape.Length, lead = rank - t.Rank;
        var s = new int[rank];
        for (int i = lead; i < rank; i++)
        {
            s[i] = t._shape[i - lead] == 1 && shape[i] != 1 ? 0 : t._strides[i - lead];
        }

        return s;
    }

    /// <summary>
    /// out[i] = f(x[i]) for any dtype-preserving scalar function; the readable (not vectorised) path for ops
    /// that have no span kernel.
    /// </summary>
    public static Tensor Map<T>(Tensor x, Func<T, T> f)
    {
        var src = x.Contiguous();
        var result = Tensor.Uninitialized<T>(x.ShapeArray());
        var s = src.Data<T>().AsSpan(src._offset, src.Numel);
        var d = result.Data<T>();
        for (int i = 0; i < s.Length; i++) d[i] = f(s[i]);
        return result;
    }

    /// <summary>out[i] = f(x[i]) where f changes the element type (comparisons, predicates, casts).</summary>
    public static Tensor Map<TIn, TOut>(Tensor x, Func<TIn, TOut> f)
    {
        var src = x.Contiguous();
        var result = Tensor.Uninitialized<TOut>(x.ShapeArray());
        var s = src.Data<TIn>().AsSpan(src._offset, src.Numel);
        var d = result.Data<TOut>();
        for (int i = 0; i < s.Length; i++) d[i] = f(s[i]);
        return result;
    }

    /// <summary>out[i] = f(a[i], b[i]) with broadcasting, for ops that have no span kernel (comparisons, atan2, ...).</summary>
    public static Tensor Zip<TIn, TOut>(Tensor a, Tensor b, Func<TIn, TIn, TOut> f, string opName)
    {
        int[] outShape = ShapeUtil.Broadcast(a.Shape, b.Shape, opName);
        var ae = a.Expand(outShape).Contiguous();
        var be = b.Expand(outShape).Contiguous();
        var result = Tensor.Uninitialized<TOut>(outShape);
        var sa = ae.Data<TIn>().AsSpan(ae._offset, ae.Numel);
        var sb = be.Data<TIn>().AsSpan(be._offset, be.Numel);
        var d = result.Data<TOut>();
        for (int i = 0; i < d.Length; i++) d[i] = f(sa[i], sb[i]);
        return result;
    }
}
