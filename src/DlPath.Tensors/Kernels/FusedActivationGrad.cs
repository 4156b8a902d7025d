using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Fused activation backward passes: one pass over the gradient and the saved output, instead of a comparison
/// tensor, a dtype promotion and a product (three full-size temporaries on the training hot path).
/// </summary>
internal static class FusedActivationGrad
{
    /// <summary>dx = g where y &gt; 0, else 0 (ReLU's derivative read off its output); g, y, dx contiguous, same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx)
        where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i <= g.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var yv = Vector512.Create(y.Slice(i, Vector512<T>.Count));
                var gv = Vector512.Create(g.Slice(i, Vector512<T>.Count));
                (Vector512.GreaterThan(yv, Vector512<T>.Zero) & gv).CopyTo(dx.Slice(i, Vector512<T>.Count));
            }
        }
        else if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= g.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var yv = new Vector<T>(y[i..]);
                var gv = new Vector<T>(g[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(yv, Vector<T>.Zero), gv, Vector<T>.Zero).CopyTo(dx[i..]);
            }
        }

        for (; i < g.Length; i++) dx[i] = y[i] > T.Zero ? g[i] : T.Zero;
    }

    /// <summary>The tensor form of <see cref="Relu{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> for float32/float64; null for other dtypes.</summary>
    public static Tensor? Relu(Tensor g, Tensor y)
    {
        if (g.DType != y.DType || g.DType is not (DType.Float32 or DType.Float64) || !ShapeUtil.SameShape(g.Shape, y.Shape)) return null;
        var gc = g.Contiguous();
        var yc = y.Contiguous();
        var dx = Tensor.Uninitialized(g.ShapeArray(), g.DType);
        if (g.DType == DType.Float32) Relu<float>(gc, yc, dx);
        else Relu<double>(gc, yc, dx);
        return dx;
    }

    // Large tensors are shared between the cores in contiguous ranges: the pass is memory bound, and one core does
    // not saturate the memory bandwidth (MemoryBoundSplit says why the ranges are long).
    private static void Relu<T>(Tensor g, Tensor y, Tensor dx)
        where T : unmanaged, INumber<T>
    {
        T[] ga = g.Data<T>(), ya = y.Data<T>(), da = dx.Data<T>();
        int go = g.StorageOffset, yo = y.StorageOffset, dox = dx.StorageOffset;
        MemoryBoundSplit.For(g.Numel, (start, len) => Relu<T>(ga.AsSpan(go + start, len), ya.AsSpan(yo + start, len), da.AsSpan(dox + start, len)));
    }
}
