using System.Numerics;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// Fused activation backward passes: one pass over the gradient and the saved output, instead of a comparison
/// tensor, a dtype promotion and a product (three full-size temporaries on the training hot path).
/// </summary>
internal static class FusedActivationGrad
{
    /// <summary>dx = g where y &gt; 0, else 0 (ReLU's derivative read off its output); g, y, dx contiguous, same length.</summary>
    public static void Relu<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> dx)
        where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
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
        if (g.DType == DType.Float32) Relu<float>(gc.AsSpan<float>(), yc.AsSpan<float>(), dx.AsSpan<float>());
        else Relu<double>(gc.AsSpan<double>(), yc.AsSpan<double>(), dx.AsSpan<double>());
        return dx;
    }
}
