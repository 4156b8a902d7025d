using System.Numerics.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Elementwise math functions (torch.exp, torch.log, ...). Float-valued functions of int64 or bool tensors
// compute in float32, as torch does; the backward of each sits right under its forward.
public sealed partial class Tensor
{
    /// <summary>e^x elementwise (<a href="https://pytorch.org/docs/stable/generated/torch.exp.html">torch.exp</a>); int64/bool give float32.</summary>
    public Tensor Exp()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Exp(s, d), (s, d) => TensorPrimitives.Exp(s, d));

        // d e^x / dx = e^x, so the output itself is all the backward needs.
        return Record(y, "ExpBackward", [this], [y], g => [g * y]);
    }

    /// <summary>Natural logarithm (<a href="https://pytorch.org/docs/stable/generated/torch.log.html">torch.log</a>); log(0) = -inf, log of a negative number is NaN.</summary>
    public Tensor Log()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Log(s, d), (s, d) => TensorPrimitives.Log(s, d));
        var x = this;

        // d log x / dx = 1 / x
        return Record(y, "LogBackward", [x], [x], g => [g / x]);
    }

    /// <summary>log(1 + x), accurate for small x (<a href="https://pytorch.org/docs/stable/generated/torch.log1p.html">torch.log1p</a>).</summary>
    public Tensor Log1p()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.LogP1(s, d), (s, d) => TensorPrimitives.LogP1(s, d));
        var x = this;

        // d log(1 + x) / dx = 1 / (1 + x)
        return Record(y, "Log1pBackward", [x], [x], g => [g / (x + 1.0)]);
    }

    /// <summary>Square root (<a href="https://pytorch.org/docs/stable/generated/torch.sqrt.html">torch.sqrt</a>); negative inputs give NaN.</summary>
    public Tensor Sqrt()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Sqrt(s, d), (s, d) => TensorPrimitives.Sqrt(s, d));

        // d sqrt(x) / dx = 1 / (2 sqrt x) = 1 / (2 y)
        return Record(y, "SqrtBackward", [this], [y], g => [g / (2.0 * y)]);
    }

    /// <summary>1 / sqrt(x) (<a href="https://pytorch.org/docs/stable/generated/torch.rsqrt.html">torch.rsqrt</a>).</summary>
    public Tensor Rsqrt()
    {
        // ReciprocalSqrt may use a hardware estimate; 1/sqrt on exact square roots keeps PyTorch's precision.
        var y = UnaryKernels.Map(
            this,
            UnaryKernels.FloatType(DType),
            (s, d) => { TensorPrimitives.Sqrt(s, d); TensorPrimitives.Divide(1f, d, d); },
            (s, d) => { TensorPrimitives.Sqrt(s, d); TensorPrimitives.Divide(1.0, d, d); });

        // d x^(-1/2) / dx = -1/2 x^(-3/2) = -0.5 y^3
        return Record(y, "RsqrtBackward", [this], [y], g => [g * -0.5 * y * y * y]);
    }

    /// <summary>|x| (<a href="https://pytorch.org/docs/stable/generated/torch.abs.html">torch.abs</a>); keeps int64, not defined for bool.</summary>
    public Tensor Abs()
    {
        var y = DType switch
        {
            DType.Float32 => UnaryKernels.Map<float>(this, (s, d) => TensorPrimitives.Abs(s, d)),
            DType.Float64 => UnaryKernels.Map<double>(this, (s, d) => TensorPrimitives.Abs(s, d)),
            DType.Int64 => UnaryKernels.Map<long>(this, (s, d) => TensorPrimitives.Abs(s, d)),
            _ => throw new InvalidOperationException("abs: not defined for bool tensors (torch: \"abs_cpu\" not implemented for 'Bool'); convert with To(DType.Int64) first"),
        };
        var x = this;

        // d|x|/dx = sign(x), taken as 0 at x = 0 as torch does.
        return Record(y, "AbsBackward", [x], [x], g => [g * x.Sign()]);
    }

    /// <summary>-1, 0 or +1 by the sign of each element (<a href="https://pytorch.org/docs/stable/generated/torch.sign.html">torch.sign</a>); keeps the dtype.</summary>
    public Tensor Sign()
    {
        var y = DType switch
        {
            DType.Float32 => UnaryKernels.Map<float>(this, UnaryKernels.Sign),
            DType.Float64 => UnaryKernels.Map<double>(this, UnaryKernels.Sign),
            DType.Int64 => UnaryKernels.Map<long>(this, UnaryKernels.Sign),
            _ => Detach().Clone(),
        };
        var shape = ShapeArray();
        var dtype = DType;

        // sign is flat almost everywhere: its gradient is zero (torch does the same at 0).
        return Record(y, "SignBackward", [this], [], g => [Zeros(shape, dtype)]);
    }

    /// <summary>Sine (<a href="https://pytorch.org/docs/stable/generated/torch.sin.html">torch.sin</a>).</summary>
    public Tensor Sin()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Sin(s, d), (s, d) => TensorPrimitives.Sin(s, d));
        var x = this;

        // d sin x / dx = cos x
        return Record(y, "SinBackward", [x], [x], g => [g * x.Cos()]);
    }

    /// <summary>Cosine (<a href="https://pytorch.org/docs/stable/generated/torch.cos.html">torch.cos</a>).</summary>
    public Tensor Cos()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Cos(s, d), (s, d) => TensorPrimitives.Cos(s, d));
        var x = this;

        // d cos x / dx = -sin x
        return Record(y, "CosBackward", [x], [x], g => [-g * x.Sin()]);
    }

    /// <summary>Hyperbolic tangent (<a href="https://pytorch.org/docs/stable/generated/torch.tanh.html">torch.tanh</a>).</summary>
    public Tensor Tanh()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Tanh(s, d), (s, d) => TensorPrimitives.Tanh(s, d));

        // d tanh x / dx = 1 - tanh^2 x = 1 - y^2
        return Record(y, "TanhBackward", [this], [y], g => [g * (1.0 - (y * y))]);
    }

    /// <summary>The logistic function 1 / (1 + e^-x) (<a href="https://pytorch.org/docs/stable/generated/torch.sigmoid.html">torch.sigmoid</a>).</summary>
    public Tensor Sigmoid()
    {
        var y = UnaryKernels.Map(this, UnaryKernels.FloatType(DType), (s, d) => TensorPrimitives.Sigmoid(s, d), (s, d) => TensorPrimitives.Sigmoid(s, d));

        // d sigmoid(x) / dx = s (1 - s) = y (1 - y)
        return Record(y, "SigmoidBackward", [this], [y], g => [g * y * (1.0 - y)]);
    }

    /// <summary>True where the element is NaN (<a href="https://pytorch.org/docs/stable/generated/torch.isnan.html">torch.isnan</a>); always false for int64 and bool.</summary>
    public Tensor IsNaN() => Predicate(float.IsNaN, double.IsNaN, false);

    /// <summary>True where the element is +inf or -inf (<a href="https://pytorch.org/docs/stable/generated/torch.isinf.html">torch.isinf</a>).</summary>
    public Tensor IsInf() => Predicate(float.IsInfinity, double.IsInfinity, false);

    /// <summary>True where the element is neither infinite nor NaN (<a href="https://pytorch.org/docs/stable/generated/torch.isfinite.html">torch.isfinite</a>).</summary>
    public Tensor IsFinite() => Predicate(float.IsFinite, double.IsFinite, true);

    private Tensor Predicate(Func<float, bool> f32, Func<double, bool> f64, bool forIntegers) => DType switch
    {
        DType.Float32 => Elementwise.Map(this, f32),
        DType.Float64 => Elementwise.Map(this, f64),
        _ => Full(ShapeArray(), forIntegers ? 1 : 0, DType.Bool),
    };
}
