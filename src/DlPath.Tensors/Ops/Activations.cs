using System.Numerics.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Activation functions (torch.nn.functional.relu, gelu, ...) and clamp.
public sealed partial class Tensor
{
    /// <summary>max(x, 0) (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.relu.html">relu</a>); keeps int64, not defined for bool.</summary>
    public Tensor Relu()
    {
        var y = DType switch
        {
            DType.Float32 => UnaryKernels.Map<float>(this, (s, d) => TensorPrimitives.Max(s, 0f, d)),
            DType.Float64 => UnaryKernels.Map<double>(this, (s, d) => TensorPrimitives.Max(s, 0.0, d)),
            DType.Int64 => UnaryKernels.Map<long>(this, (s, d) => TensorPrimitives.Max(s, 0L, d)),
            _ => throw new InvalidOperationException("relu: boolean inputs are not supported (as in torch); convert with To(DType.Float32) first"),
        };

        // d relu / dx = 1 where the output is positive, else 0 (0 at x = 0, as torch).
        return Record(y, "ReluBackward", [this], [y], g => [FusedActivationGrad.Relu(g, y) ?? g * y.Gt(0)]);
    }

    /// <summary>
    /// x for x &gt; 0, slope * x otherwise (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.leaky_relu.html">leaky_relu</a>,
    /// default slope 0.01). Floating-point tensors only, as in torch.
    /// </summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01)
    {
        RequireFloat("leaky_relu");
        var y = UnaryKernels.Map(this, DType, (s, d) => UnaryKernels.LeakyRelu(s, d, (float)negativeSlope), (s, d) => UnaryKernels.LeakyRelu(s, d, negativeSlope));
        var x = this;

        // d/dx = 1 for x > 0, negativeSlope otherwise.
        return Record(y, "LeakyReluBackward", [x], [x], g => [Where(x.Gt(0), g, g * negativeSlope)]);
    }

    /// <summary>
    /// Gaussian error linear unit x * Phi(x) (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.gelu.html">gelu</a>):
    /// <paramref name="approximate"/> "none" (default) is the exact erf form, "tanh" the tanh approximation.
    /// </summary>
    public Tensor Gelu(string approximate = "none")
    {
        RequireFloat("gelu");
        bool tanh = approximate switch
        {
            "none" => false,
            "tanh" => true,
            _ => throw new ArgumentException($"gelu: approximate must be \"none\" or \"tanh\", got \"{approximate}\"", nameof(approximate)),
        };
        var y = tanh
            ? UnaryKernels.Map(this, DType, UnaryKernels.GeluTanh, UnaryKernels.GeluTanh)
            : UnaryKernels.Map(this, DType, UnaryKernels.Gelu, UnaryKernels.Gelu);
        var x = this;

        // exact: d/dx x Phi(x) = Phi(x) + x phi(x); tanh form: see UnaryKernels.GeluTanhGrad.
        return Record(y, "GeluBackward", [x], [x], g => [g * (tanh
            ? UnaryKernels.Map(x, x.DType, UnaryKernels.GeluTanhGrad, UnaryKernels.GeluTanhGrad)
            : UnaryKernels.Map(x, x.DType, UnaryKernels.GeluGrad, UnaryKernels.GeluGrad))]);
    }

    /// <summary>x * sigmoid(x), a.k.a. swish (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.silu.html">silu</a>).</summary>
    public Tensor Silu()
    {
        RequireFloat("silu");
        var y = UnaryKernels.Map(this, DType, UnaryKernels.Silu, UnaryKernels.Silu);
        var x = this;

        // d/dx x s(x) = s + x s (1 - s) = s (1 + x (1 - s))
        return Record(y, "SiluBackward", [x], [x], g =>
        {
            var s = x.Sigmoid();
            return [g * s * (1.0 + (x * (1.0 - s)))];
        });
    }

    /// <summary>
    /// log(1 + exp(beta x)) / beta, and x where beta x &gt; threshold
    /// (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.softplus.html">softplus</a>, defaults 1 and 20).
    /// </summary>
    public Tensor Softplus(double beta = 1, double threshold = 20)
    {
        RequireFloat("softplus");
        var y = UnaryKernels.Map(
            this,
            DType,
            (s, d) => UnaryKernels.Softplus(s, d, (float)beta, (float)threshold),
            (s, d) => UnaryKernels.Softplus(s, d, beta, threshold));
        var x = this;

        // d/dx = sigmoid(beta x) below the threshold, 1 above it (where the op is the identity).
        return Record(y, "SoftplusBackward", [x], [x], g => [g * UnaryKernels.Map(
            x,
            x.DType,
            (s, d) => UnaryKernels.SoftplusGrad(s, d, (float)beta, (float)threshold),
            (s, d) => UnaryKernels.SoftplusGrad(s, d, beta, threshold))]);
    }

    /// <summary>
    /// Limits every element to [min, max] (<a href="https://pytorch.org/docs/stable/generated/torch.clamp.html">torch.clamp</a>);
    /// either bound may be null. When min &gt; max every element becomes max, as in torch. The gradient is 1
    /// where min &lt;= x &lt;= max and 0 outside. An int64 tensor with a fractional bound gives float32.
    /// </summary>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("clamp: at least one of min and max must be given");
        }

        if (DType == DType.Bool)
        {
            throw new InvalidOperationException("clamp: not defined for bool tensors; convert with To(DType.Int64) first");
        }

        var dtype = DType;
        if (min is { } lo0) dtype = DTypes.Promote(dtype, ArithmeticType(this, ScalarFor(this, lo0)));
        if (max is { } hi0) dtype = DTypes.Promote(dtype, ArithmeticType(this, ScalarFor(this, hi0)));
        double lo = min ?? double.NegativeInfinity, hi = max ?? double.PositiveInfinity;
        var y = dtype switch
        {
            DType.Float32 => UnaryKernels.Map<float>(this, (s, d) => ClampSpan(s, d, (float)lo, (float)hi)),
            DType.Float64 => UnaryKernels.Map<double>(this, (s, d) => ClampSpan(s, d, lo, hi)),
            _ => UnaryKernels.Map<long>(this, (s, d) => ClampSpan(s, d, min is null ? long.MinValue : (long)lo, max is null ? long.MaxValue : (long)hi)),
        };
        var x = this;

        // d clamp / dx = 1 where min <= x <= max (bounds included, as torch), 0 elsewhere.
        return Record(y, "ClampBackward", [x], [x], g =>
        {
            var inside = (min is null ? OnesLike(x, DType.Bool) : x.Ge(lo)).LogicalAnd(max is null ? OnesLike(x, DType.Bool) : x.Le(hi));
            return [g * inside];
        });
    }

    /// <summary>Clamp(min: min), as <c>torch.clamp_min</c>.</summary>
    public Tensor ClampMin(double min) => Clamp(min, null);

    /// <summary>Clamp(max: max), as <c>torch.clamp_max</c>.</summary>
    public Tensor ClampMax(double max) => Clamp(null, max);

    // min(max(x, lo), hi): with lo > hi this gives hi everywhere, as torch; Max/Min propagate NaN.
    private static void ClampSpan<T>(ReadOnlySpan<T> s, Span<T> d, T lo, T hi)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        TensorPrimitives.Max(s, lo, d);
        TensorPrimitives.Min(d, hi, d);
    }

    /// <summary>Throws a learner-readable error when an op that torch defines only for float tensors gets another dtype.</summary>
    internal void RequireFloat(string op)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"{op}: needs a floating-point tensor, got {DType.Name()} {ShapeString} (torch raises \"not implemented for '{TorchTypeName(DType)}'\"); convert with Float() first");
        }
    }

    private static string TorchTypeName(DType dtype) => dtype switch
    {
        DType.Int64 => "Long",
        DType.Bool => "Bool",
        DType.Float64 => "Double",
        _ => "Float",
    };
}
