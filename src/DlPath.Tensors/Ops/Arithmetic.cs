using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Arithmetic with NumPy broadcasting: + - * / as operators, with tensor or scalar operands.
// Each backward sits under its forward; broadcast gradients are reduced by the autograd engine.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting (<c>torch.add</c>).</summary>
    public Tensor Add(Tensor other)
    {
        var result = Elementwise.Binary<AddOp>(this, other, ArithmeticType(this, other), "add");
        return Record(result, "AddBackward", [this, other], [], g => [g, g]);
    }

    /// <summary>Elementwise difference with broadcasting (<c>torch.sub</c>).</summary>
    public Tensor Sub(Tensor other)
    {
        var result = Elementwise.Binary<SubOp>(this, other, ArithmeticType(this, other), "sub");
        return Record(result, "SubBackward", [this, other], [], g => [g, -g]);
    }

    /// <summary>Elementwise product with broadcasting (<c>torch.mul</c>).</summary>
    public Tensor Mul(Tensor other)
    {
        var result = Elementwise.Binary<MulOp>(this, other, ArithmeticType(this, other), "mul");
        var (a, b) = (this, other);

        // d(ab)/da = b, d(ab)/db = a
        return Record(result, "MulBackward", [a, b], [a, b], g => [a.RequiresGrad ? g * b : null, b.RequiresGrad ? g * a : null]);
    }

    /// <summary>Elementwise true division with broadcasting (<c>torch.div</c>); integer operands give float32.</summary>
    public Tensor Div(Tensor other)
    {
        var dtype = ArithmeticType(this, other);
        if (!dtype.IsFloatingPoint()) dtype = DType.Float32;
        var result = Elementwise.Binary<DivOp>(this, other, dtype, "div");
        var (a, b) = (this, other);

        // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
        return Record(result, "DivBackward", [a, b], [a, b], g => [a.RequiresGrad ? g / b : null, b.RequiresGrad ? -g * a / (b * b) : null]);
    }

    /// <summary>Elementwise negation (<c>torch.neg</c>).</summary>
    public Tensor Neg()
    {
        var result = DType == DType.Bool
            ? throw new InvalidOperationException("neg: not defined for bool tensors; use LogicalNot")
            : Elementwise.Binary<SubOp>(Scalar(0, DType), this, DType, "neg");
        return Record(result, "NegBackward", [this], [], g => [-g]);
    }

    /// <summary>x + y.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>x + s.</summary>
    public static Tensor operator +(Tensor a, double s) => a.Add(ScalarFor(a, s));

    /// <summary>s + x.</summary>
    public static Tensor operator +(double s, Tensor a) => ScalarFor(a, s).Add(a);

    /// <summary>x - y.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>x - s.</summary>
    public static Tensor operator -(Tensor a, double s) => a.Sub(ScalarFor(a, s));

    /// <summary>s - x.</summary>
    public static Tensor operator -(double s, Tensor a) => ScalarFor(a, s).Sub(a);

    /// <summary>-x.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>x * y (elementwise; use <see cref="MatMul"/> for the matrix product).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>x * s.</summary>
    public static Tensor operator *(Tensor a, double s) => a.Mul(ScalarFor(a, s));

    /// <summary>s * x.</summary>
    public static Tensor operator *(double s, Tensor a) => ScalarFor(a, s).Mul(a);

    /// <summary>x / y.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>x / s.</summary>
    public static Tensor operator /(Tensor a, double s) => a.Div(ScalarFor(a, s));

    /// <summary>s / x.</summary>
    public static Tensor operator /(double s, Tensor a) => ScalarFor(a, s).Div(a);

    /// <summary>x += y in place, with y broadcast to x's shape (<c>add_</c>). Not recorded by autograd.</summary>
    public Tensor AddInPlace(Tensor other)
    {
        CheckInPlace("add_");
        Elementwise.BinaryInPlace<AddOp>(this, other, "add_");
        return this;
    }

    /// <summary>x += alpha * y in place (<c>add_(other, alpha=...)</c>), the optimizer update's building block.</summary>
    public Tensor AddInPlace(Tensor other, double alpha) => AddInPlace(alpha == 1 ? other : other * alpha);

    /// <summary>x -= y in place (<c>sub_</c>).</summary>
    public Tensor SubInPlace(Tensor other)
    {
        CheckInPlace("sub_");
        Elementwise.BinaryInPlace<SubOp>(this, other, "sub_");
        return this;
    }

    /// <summary>x *= y in place (<c>mul_</c>).</summary>
    public Tensor MulInPlace(Tensor other)
    {
        CheckInPlace("mul_");
        Elementwise.BinaryInPlace<MulOp>(this, other, "mul_");
        return this;
    }

    /// <summary>x *= s in place (<c>mul_</c>).</summary>
    public Tensor MulInPlace(double s) => MulInPlace(Scalar(s, DType));

    /// <summary>x /= y in place (<c>div_</c>).</summary>
    public Tensor DivInPlace(Tensor other)
    {
        CheckInPlace("div_");
        Elementwise.BinaryInPlace<DivOp>(this, other, "div_");
        return this;
    }

    private void CheckInPlace(string op)
    {
        if (RequiresGrad && IsLeaf && Autograd.GradMode.IsEnabled)
        {
            throw new InvalidOperationException($"{op}: a leaf tensor that requires grad is being changed in place; do it inside a Tensor.NoGrad() scope (as optimizers do)");
        }
    }

    /// <summary>
    /// The dtype two operands are computed in, by torch's rule: dimensioned tensors outrank 0-d tensors, which
    /// outrank C# numbers; a lower-ranked operand decides only when its category (bool &lt; integer &lt; float) is
    /// higher, so <c>x * 0.5</c> stays float32 and <c>labels + 1.5</c> becomes float32. Bool counts as int64.
    /// </summary>
    internal static DType ArithmeticType(Tensor a, Tensor b)
    {
        int pa = a.IsScalarLiteral ? 0 : a.Rank == 0 ? 1 : 2, pb = b.IsScalarLiteral ? 0 : b.Rank == 0 ? 1 : 2;
        DType t;
        if (pa == pb)
        {
            t = DTypes.Promote(a.DType, b.DType);
        }
        else
        {
            var (hi, lo) = pa > pb ? (a, b) : (b, a);
            if (Category(lo.DType) <= Category(hi.DType)) t = hi.DType;
            else if (lo.IsScalarLiteral) t = lo.DType.IsFloatingPoint() ? DType.Float32 : DType.Int64;
            else t = lo.DType;
        }

        return t == DType.Bool ? DType.Int64 : t;
    }

    private static int Category(DType d) => d switch
    {
        DType.Bool => 0,
        DType.Int64 => 1,
        _ => 2,
    };

    /// <summary>True for the 0-d tensors that wrap a C# number in operator overloads.</summary>
    internal bool IsScalarLiteral { get; private init; }

    /// <summary>Wraps a C# number for an op with <paramref name="like"/>: float64 if it has a fraction, int64 otherwise.</summary>
    internal static Tensor ScalarFor(Tensor like, double value)
    {
        bool isFloat = like.DType.IsFloatingPoint() || value != Math.Floor(value) || double.IsInfinity(value) || double.IsNaN(value);
        var dtype = isFloat ? (like.DType.IsFloatingPoint() ? like.DType : DType.Float64) : DType.Int64;
        var s = new Tensor(new Storage<double>([value]), []).To(dtype);
        return new Tensor(s._storage, [], [], 0) { IsScalarLiteral = true };
    }
}
