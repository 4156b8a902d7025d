using System.Numerics;

namespace DlPath.Tensors.Kernels;

/// <summary>A comparison of two numbers; a struct so the generic loop below is specialised and inlined per op.</summary>
internal interface ICompareOp
{
    static abstract bool Apply<T>(T x, T y)
        where T : INumber<T>;
}

/// <summary>x == y (NaN is unequal to everything, as IEEE and torch).</summary>
internal readonly struct EqOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x == y;
}

/// <summary>x != y.</summary>
internal readonly struct NeOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x != y;
}

/// <summary>x &lt; y.</summary>
internal readonly struct LtOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x < y;
}

/// <summary>x &lt;= y.</summary>
internal readonly struct LeOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x <= y;
}

/// <summary>x &gt; y.</summary>
internal readonly struct GtOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x > y;
}

/// <summary>x &gt;= y.</summary>
internal readonly struct GeOp : ICompareOp
{
    public static bool Apply<T>(T x, T y) where T : INumber<T> => x >= y;
}

/// <summary>Elementwise comparisons with broadcasting, producing bool tensors.</summary>
internal static class CompareKernels
{
    /// <summary>out = op(a, b) as bool, both operands read in <paramref name="dtype"/>.</summary>
    public static Tensor Compare<TOp>(Tensor a, Tensor b, DType dtype, string opName)
        where TOp : ICompareOp => dtype switch
        {
            DType.Float32 => Compare<float, TOp>(a, b, dtype, opName),
            DType.Float64 => Compare<double, TOp>(a, b, dtype, opName),
            _ => Compare<long, TOp>(a, b, DType.Int64, opName),
        };

    private static Tensor Compare<T, TOp>(Tensor a, Tensor b, DType dtype, string opName)
        where T : INumber<T>
        where TOp : ICompareOp
    {
        int[] shape = ShapeUtil.Broadcast(a.Shape, b.Shape, opName);
        var result = Tensor.Uninitialized<bool>(shape);
        var d = result.AsSpan<bool>();
        var ad = UnaryKernels.Dense(a, dtype);
        var bd = UnaryKernels.Dense(b, dtype);

        // Fast paths: same shapes, or a single value on one side (x > 0, labels == 3).
        if (ad.Numel == d.Length && bd.Numel == d.Length)
        {
            ReadOnlySpan<T> x = ad.AsSpan<T>(), y = bd.AsSpan<T>();
            for (int i = 0; i < d.Length; i++) d[i] = TOp.Apply(x[i], y[i]);
        }
        else if (ad.Numel == d.Length && bd.Numel == 1)
        {
            ReadOnlySpan<T> x = ad.AsSpan<T>();
            T y = bd.AsSpan<T>()[0];
            for (int i = 0; i < d.Length; i++) d[i] = TOp.Apply(x[i], y);
        }
        else if (bd.Numel == d.Length && ad.Numel == 1)
        {
            T x = ad.AsSpan<T>()[0];
            ReadOnlySpan<T> y = bd.AsSpan<T>();
            for (int i = 0; i < d.Length; i++) d[i] = TOp.Apply(x, y[i]);
        }
        else
        {
            var ae = UnaryKernels.Dense(ad.Expand(shape), dtype);
            var be = UnaryKernels.Dense(bd.Expand(shape), dtype);
            ReadOnlySpan<T> x = ae.AsSpan<T>(), y = be.AsSpan<T>();
            for (int i = 0; i < d.Length; i++) d[i] = TOp.Apply(x[i], y[i]);
        }

        return result;
    }
}
