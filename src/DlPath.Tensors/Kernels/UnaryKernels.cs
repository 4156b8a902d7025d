using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors.Kernels;

/// <summary>A kernel that maps a dense span of elements to a dense span of results of the same length.</summary>
internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> d);

/// <summary>
/// Drivers and span kernels for elementwise unary ops (exp, log, gelu, ...). The driver makes the input dense
/// in the compute dtype once (a strided view is gathered with <c>Contiguous()</c>) and then runs one span
/// kernel over all elements, so contiguous float32 data goes straight to <see cref="TensorPrimitives"/>.
/// </summary>
internal static class UnaryKernels
{
    /// <summary>out = f(x) computed in a floating-point <paramref name="dtype"/> (float32 or float64).</summary>
    public static Tensor Map(Tensor x, DType dtype, SpanMap<float> f32, SpanMap<double> f64)
    {
        var src = Dense(x, dtype);
        var result = Tensor.Empty(src.ShapeArray(), dtype);
        if (dtype == DType.Float32) f32(src.AsSpan<float>(), result.AsSpan<float>());
        else f64(src.AsSpan<double>(), result.AsSpan<double>());
        return result;
    }

    /// <summary>out = f(x) for a kernel written once over any numeric element type (used where int64 is allowed).</summary>
    public static Tensor Map<T>(Tensor x, SpanMap<T> f)
    {
        var src = Dense(x, DTypes.Of<T>());
        var result = Tensor.Empty<T>(src.ShapeArray());
        f(src.AsSpan<T>(), result.AsSpan<T>());
        return result;
    }

    /// <summary>x cut from the graph, converted to <paramref name="dtype"/> and laid out densely.</summary>
    public static Tensor Dense(Tensor x, DType dtype)
    {
        using (Tensor.NoGrad())
        {
            return x.Detach().To(dtype).Contiguous();
        }
    }

    /// <summary>The dtype a float-valued unary op computes in: float stays, int64 and bool become float32 (as torch).</summary>
    public static DType FloatType(DType dtype) => dtype.IsFloatingPoint() ? dtype : DType.Float32;

    // ---- scalar kernels for functions TensorPrimitives does not have -------------------------------------

    /// <summary>sign(x): -1, 0 or +1; NaN stays NaN.</summary>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            d[i] = v > T.Zero ? T.One : v < T.Zero ? -T.One : T.IsNaN(v) ? v : T.Zero;
        }
    }

    /// <summary>leaky_relu(x) = x for x &gt; 0, slope * x otherwise.</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, Span<T> d, T slope)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = x[i] > T.Zero ? x[i] : x[i] * slope;
    }

    /// <summary>gelu(x) = x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), the exact form.</summary>
    public static void Gelu<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            d[i] = T.CreateTruncating(0.5 * v * (1 + Erf(v * InvSqrt2)));
        }
    }

    /// <summary>gelu_tanh(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), the "tanh" approximation.</summary>
    public static void GeluTanh<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), k = T.CreateTruncating(SqrtTwoOverPi), c = T.CreateTruncating(0.044715);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            d[i] = half * v * (T.One + T.Tanh(k * (v + (c * v * v * v))));
        }
    }

    /// <summary>d gelu / dx: Phi(x) + x phi(x) for the exact form.</summary>
    public static void GeluGrad<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            double cdf = 0.5 * (1 + Erf(v * InvSqrt2));
            double pdf = Math.Exp(-0.5 * v * v) * InvSqrt2Pi;
            d[i] = T.CreateTruncating(cdf + (v * pdf));
        }
    }

    /// <summary>
    /// d gelu_tanh / dx with u = sqrt(2/pi)(x + 0.044715 x^3), t = tanh u:
    /// 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2).
    /// </summary>
    public static void GeluTanhGrad<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), k = T.CreateTruncating(SqrtTwoOverPi), c = T.CreateTruncating(0.044715), three = T.CreateTruncating(3);
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            T t = T.Tanh(k * (v + (c * v * v * v)));
            d[i] = (half * (T.One + t)) + (half * v * (T.One - (t * t)) * k * (T.One + (three * c * v * v)));
        }
    }

    /// <summary>softplus(x) = log(1 + exp(beta x)) / beta, and x itself where beta x &gt; threshold (as torch, for stability).</summary>
    public static void Softplus<T>(ReadOnlySpan<T> x, Span<T> d, T beta, T threshold)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T bx = x[i] * beta;
            d[i] = bx > threshold ? x[i] : T.LogP1(T.Exp(bx)) / beta;
        }
    }

    /// <summary>d softplus / dx = sigmoid(beta x), or 1 above the threshold.</summary>
    public static void SoftplusGrad<T>(ReadOnlySpan<T> x, Span<T> d, T beta, T threshold)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T bx = x[i] * beta;
            if (bx > threshold)
            {
                d[i] = T.One;
            }
            else
            {
                T z = T.Exp(bx);
                d[i] = z / (z + T.One);
            }
        }
    }

    /// <summary>silu(x) = x * sigmoid(x), on TensorPrimitives.</summary>
    public static void Silu<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Sigmoid(x, d);
        TensorPrimitives.Multiply(x, d, d);
    }

    /// <summary>Elementwise erf, for the tests and for Gelu.</summary>
    public static void Erf<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) d[i] = T.CreateTruncating(Erf(double.CreateTruncating(x[i])));
    }

    /// <summary>
    /// The error function to within a few ulps (.NET has none). Three ranges, each where its formula neither
    /// cancels nor converges slowly: the Maclaurin series for |x| &lt; 1; for 1 &lt;= |x| &lt; 3 the series
    /// erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)), whose terms are all positive; beyond,
    /// erfc(x) from its continued fraction (Lentz), and erf = 1 - erfc.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x), x2 = ax * ax;
        double r;
        if (ax < 1.0)
        {
            // erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1))
            double power = ax, sum = ax;
            for (int n = 1; n < 60; n++)
            {
                power *= -x2 / n;
                double term = power / ((2 * n) + 1);
                sum += term;
                if (Math.Abs(term) < sum * 1e-17) break;
            }

            r = TwoOverSqrtPi * sum;
        }
        else if (ax < 3.0)
        {
            double term = ax, sum = ax;
            for (int n = 1; n < 200; n++)
            {
                term *= 2 * x2 / ((2 * n) + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }

            r = TwoOverSqrtPi * Math.Exp(-x2) * sum;
        }
        else if (ax > 6.0)
        {
            r = 1.0; // erfc(6) < 2.2e-17: below double resolution next to 1.
        }
        else
        {
            r = 1 - ErfcContinuedFraction(ax);
        }

        return x < 0 ? -r : r;
    }

    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), for x >= 3.
    private static double ErfcContinuedFraction(double x)
    {
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 300; k++)
        {
            double a = k * 0.5;
            d = x + (a * d);
            d = d == 0 ? tiny : d;
            c = x + (a / c);
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    private const double TwoOverSqrtPi = 1.12837916709551257390;
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;
    private const double SqrtTwoOverPi = 0.79788456080286535588;
}
