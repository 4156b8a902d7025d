using System.Numerics.Tensors;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Powers: tensor ^ number, tensor ^ tensor (broadcasting) and number ^ tensor, as torch.pow.
public sealed partial class Tensor
{
    /// <summary>
    /// x ^ exponent elementwise (<a href="https://pytorch.org/docs/stable/generated/torch.pow.html">torch.pow</a>).
    /// An int64 tensor stays int64 for a whole exponent (negative ones are an error, as in torch) and becomes
    /// float32 for a fractional one.
    /// </summary>
    public Tensor Pow(double exponent)
    {
        DType dtype = ArithmeticType(this, ScalarFor(this, exponent));
        Tensor y;
        if (dtype == DType.Int64)
        {
            if (exponent < 0)
            {
                throw new InvalidOperationException($"pow: integers to negative integer powers are not allowed (an int64 {ShapeString} tensor ^ {exponent}); convert with Float() first");
            }

            long p = (long)exponent;
            y = UnaryKernels.Map<long>(this, (s, d) =>
            {
                for (int i = 0; i < s.Length; i++) d[i] = IntPow(s[i], p);
            });
        }
        else
        {
            y = UnaryKernels.Map(this, dtype, (s, d) => PowSpan(s, (float)exponent, d), (s, d) => PowSpan(s, exponent, d));
        }

        var x = this;

        // d x^p / dx = p x^(p-1); torch defines it as 0 for p = 0 (even at x = 0, where 0 * 0^-1 would be NaN).
        return Record(y, "PowBackward0", [x], [x], g => [exponent == 0 ? ZerosLike(g) : g * exponent * x.Pow(exponent - 1)]);
    }

    /// <summary>x ^ y elementwise with broadcasting (<c>torch.pow(tensor, tensor)</c>).</summary>
    public Tensor Pow(Tensor exponent)
    {
        DType dtype = ArithmeticType(this, exponent);
        Tensor y = dtype switch
        {
            DType.Float32 => Elementwise.Zip<float, float>(Dense(this, dtype), Dense(exponent, dtype), MathF.Pow, "pow"),
            DType.Float64 => Elementwise.Zip<double, double>(Dense(this, dtype), Dense(exponent, dtype), Math.Pow, "pow"),
            _ => Elementwise.Zip<long, long>(Dense(this, dtype), Dense(exponent, dtype), (a, b) => b < 0 ? throw new InvalidOperationException($"pow: integers to negative integer powers are not allowed ({a} ^ {b}); convert with Float() first") : IntPow(a, b), "pow"),
        };
        var (x, e) = (this, exponent);

        // z = x^e:  dz/dx = e x^(e-1) (0 where e = 0),  dz/de = x^e ln x (0 where x = 0 and e >= 0, as torch,
        // because x^e is flat in e there: 0^e = 0 for every e > 0).
        return Record(y, "PowBackward1", [x, e], [x, e, y], g =>
        {
            Tensor? dx = null, de = null;
            if (x.RequiresGrad)
            {
                dx = Where(e.Eq(0), ZerosLike(g), g * e * x.Pow(e - 1.0));
            }

            if (e.RequiresGrad)
            {
                de = Where(x.Eq(0).LogicalAnd(e.Ge(0)), ZerosLike(g), g * y * x.Log());
            }

            return [dx, de];
        });
    }

    /// <summary>
    /// baseValue ^ x elementwise (<c>torch.pow(number, tensor)</c>): int64 for a whole base and an int64 exponent
    /// tensor, float otherwise.
    /// </summary>
    public static Tensor Pow(double baseValue, Tensor exponent)
    {
        var b = ScalarFor(exponent, baseValue);
        DType dtype = ArithmeticType(b, exponent);
        Tensor y = dtype switch
        {
            DType.Float32 or DType.Float64 => UnaryKernels.Map(exponent, dtype, (s, d) => TensorPrimitives.Pow((float)baseValue, s, d), (s, d) => TensorPrimitives.Pow(baseValue, s, d)),
            _ => IntBasePow((long)baseValue, exponent),
        };
        var e = exponent;

        // d b^e / de = b^e ln b; 0 where b = 0 and e >= 0 (as torch).
        return Record(y, "PowBackward2", [e], [y], g => [baseValue == 0 ? Where(e.Ge(0), ZerosLike(g), g * y * Math.Log(baseValue)) : g * y * Math.Log(baseValue)]);
    }

    private static Tensor IntBasePow(long baseValue, Tensor exponent)
    {
        if (exponent.Lt(0).Any().Item<bool>())
        {
            throw new InvalidOperationException($"pow: integers to negative integer powers are not allowed ({baseValue} ^ an int64 {exponent.ShapeString} tensor with negative elements); convert with Float() first");
        }

        return UnaryKernels.Map<long>(exponent, (s, d) =>
        {
            for (int i = 0; i < s.Length; i++) d[i] = IntPow(baseValue, s[i]);
        });
    }

    private static Tensor Dense(Tensor t, DType dtype) => UnaryKernels.Dense(t, dtype);

    /// <summary>Powers on a span, with the exponents torch special-cases computed exactly (x*x, sqrt, 1/x ...).</summary>
    private static void PowSpan<T>(ReadOnlySpan<T> s, T p, Span<T> d)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (p == T.One) s.CopyTo(d);
        else if (p == T.CreateTruncating(2)) TensorPrimitives.Multiply(s, s, d);
        else if (p == T.CreateTruncating(3))
        {
            TensorPrimitives.Multiply(s, s, d);
            TensorPrimitives.Multiply(d, s, d);
        }
        else if (p == T.CreateTruncating(0.5)) TensorPrimitives.Sqrt(s, d);
        else if (p == T.CreateTruncating(-0.5))
        {
            TensorPrimitives.Sqrt(s, d);
            TensorPrimitives.Divide(T.One, d, d);
        }
        else if (p == -T.One) TensorPrimitives.Divide(T.One, s, d);
        else if (p == T.CreateTruncating(-2))
        {
            TensorPrimitives.Multiply(s, s, d);
            TensorPrimitives.Divide(T.One, d, d);
        }
        else
        {
            for (int i = 0; i < s.Length; i++) d[i] = T.Pow(s[i], p);
        }
    }

    /// <summary>Integer power by repeated squaring (wraps on overflow, as int64 arithmetic in torch).</summary>
    private static long IntPow(long x, long p)
    {
        long result = 1;
        unchecked
        {
            while (p > 0)
            {
                if ((p & 1) != 0) result *= x;
                x *= x;
                p >>= 1;
            }
        }

        return result;
    }
}
