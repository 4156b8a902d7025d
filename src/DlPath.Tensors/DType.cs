namespace DlPath.Tensors;

/// <summary>The element type of a tensor, chosen at run time (as <c>torch.dtype</c>).</summary>
public enum DType
{
    /// <summary>32-bit IEEE float: the default for data and parameters (<c>torch.float32</c>).</summary>
    Float32,

    /// <summary>64-bit IEEE float: for gradient checks and exact reference work (<c>torch.float64</c>).</summary>
    Float64,

    /// <summary>64-bit signed integer: labels and indices (<c>torch.int64</c>).</summary>
    Int64,

    /// <summary>Boolean: masks and comparison results (<c>torch.bool</c>).</summary>
    Bool,
}

/// <summary>Facts about each <see cref="DType"/> and the type-promotion rules of binary ops.</summary>
public static class DTypes
{
    /// <summary>PyTorch's name for the dtype (<c>float32</c>, <c>int64</c>, ...), used in messages and files.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses a PyTorch dtype name (<c>float32</c>, <c>float</c>, <c>double</c>, <c>long</c>, ...).</summary>
    public static DType Parse(string name) => name switch
    {
        "float32" or "float" => DType.Float32,
        "float64" or "double" => DType.Float64,
        "int64" or "long" => DType.Int64,
        "bool" => DType.Bool,
        _ => throw new ArgumentException($"unknown dtype '{name}' (expected float32, float64, int64 or bool)", nameof(name)),
    };

    /// <summary>True for float32 and float64: the dtypes that can carry gradients.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 or DType.Int64 => 8,
        _ => 1,
    };

    /// <summary>The .NET element type that stores this dtype.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int64 => typeof(long),
        _ => typeof(bool),
    };

    /// <summary>The dtype stored as the .NET type <typeparamref name="T"/>.</summary>
    public static DType Of<T>()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"no tensor dtype is stored as {typeof(T).Name} (use float, double, long or bool)");
    }

    /// <summary>
    /// The result dtype of a binary op on two tensors: bool &lt; int64 &lt; float32 &lt; float64,
    /// as <c>torch.promote_types</c>.
    /// </summary>
    public static DType Promote(DType a, DType b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(DType d) => d switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        DType.Float32 => 2,
        _ => 3,
    };
}
