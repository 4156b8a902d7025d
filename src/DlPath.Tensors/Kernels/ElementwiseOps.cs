using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// A binary elementwise op on numbers: a scalar form (the readable reference) and three span forms that the
/// fast paths call (vector-vector, vector-scalar, scalar-vector), mostly on <see cref="TensorPrimitives"/>.
/// </summary>
internal interface IBinaryOp
{
    static abstract T Apply<T>(T x, T y)
        where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d)
        where T : unmanaged, INumber<T>;

    static abstract void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, INumber<T>;
}

/// <summary>x + y.</summary>
internal readonly struct AddOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x + y;

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(y, x, d);
}

/// <summary>x - y.</summary>
internal readonly struct SubOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x - y;

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
}

/// <summary>x * y.</summary>
internal readonly struct MulOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x * y;

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(y, x, d);
}

/// <summary>x / y (true division for floats; integer tensors are promoted to float before dividing).</summary>
internal readonly struct DivOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x / y;

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
}

/// <summary>max(x, y), propagating NaN as torch.maximum does.</summary>
internal readonly struct MaxOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.IsNaN(x) || T.IsNaN(y) ? x + y : (x >= y ? x : y);

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(y, x, d);
}

/// <summary>min(x, y), propagating NaN as torch.minimum does.</summary>
internal readonly struct MinOp : IBinaryOp
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.IsNaN(x) || T.IsNaN(y) ? x + y : (x <= y ? x : y);

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);

    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);

    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(y, x, d);
}
