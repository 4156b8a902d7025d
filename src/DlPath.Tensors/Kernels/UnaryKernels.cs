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
        var result = Tensor.Uninitialized(src.ShapeArray(), dtype);
        if (dtype == DType.Float32) Run(src, result, f32);
        else Run(src, result, f64);
        return result;
    }

    /// <summary>out = f(x) for a kernel written once over any numeric element type (used where int64 is allowed).</summary>
    public static Tensor Map<T>(Tensor x, SpanMap<T> f)
    {
        var src = Dense(x, DTypes.Of<T>());
        var result = Tensor.Uninitialized<T>(src.ShapeArray());
        Run(src, result, f);
        return result;
    }

    // Elements are independent, so a large tensor is shared between the threads in contiguous ranges (see
    // MemoryBoundSplit for why not in small chunks); small ones run on this thread.
    private static void Run<T>(Tensor src, Tensor dst, SpanMap<T> f)
    {
        T[] s = src.Data<T>(), d = dst.Data<T>();
        int offset = src.StorageOffset;
        MemoryBoundSplit.For(src.Numel, (start, len) => f(s.AsSpan(offset + start, len), d.AsSpan(start, len)));
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

    /// <summary>sign(x): -1, 0 or +1; NaN gives 0 (as torch.sign).</summary>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            d[i] = v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
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

    /// <summary>
    /// gelu_tanh(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), the "tanh" approximation, as a chain of
    /// vectorised span operations in the output buffer.
    /// </summary>
    public static void GeluTanh<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5), k = T.CreateTruncating(SqrtTwoOverPi), c = T.CreateTruncating(0.044715);
        TensorPrimitives.Multiply(x, x, d);          // x^2
        TensorPrimitives.Multiply(d, x, d);          // x^3
        TensorPrimitives.MultiplyAdd(d, c, x, d);    // x + c x^3
        TensorPrimitives.Multiply(d, k, d);          // u
        TensorPrimitives.Tanh(d, d);                 // tanh u
        TensorPrimitives.Add(d, T.One, d);           // 1 + tanh u
        TensorPrimitives.Multiply(d, x, d);
        TensorPrimitives.Multiply(d, half, d);
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
    /// The error function to within a few ulps (.NET has none), by W. J. Cody's rational Chebyshev
    /// approximations (CALERF, Math. Comp. 1969): erf(x) = x P(x^2)/Q(x^2) for |x| &lt;= 0.5; beyond, erfc(|x|)
    /// = exp(-x^2) R(|x|) and erf = 1 - erfc. A handful of multiply-adds and two exps per element.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double y = Math.Abs(x);
        if (y <= 0.5)
        {
            double ysq = x * x;
            double num = ErfA[4] * ysq, den = ysq;
            for (int i = 0; i < 3; i++)
            {
                num = (num + ErfA[i]) * ysq;
                den = (den + ErfB[i]) * ysq;
            }

            return x * (num + ErfA[3]) / (den + ErfB[3]);
        }

        double r = 1 - Erfc(y);
        return x < 0 ? -r : r;
    }

    /// <summary>The complementary error function erfc(y) = 1 - erf(y) for y &gt; 0.5, with full relative precision in the tail.</summary>
    private static double Erfc(double y)
    {
        if (y >= 26.6) return 0; // exp(-y^2) underflows
        double r;
        if (y <= 4)
        {
            double num = ErfC[8] * y, den = y;
            for (int i = 0; i < 7; i++)
            {
                num = (num + ErfC[i]) * y;
                den = (den + ErfD[i]) * y;
            }

            r = (num + ErfC[7]) / (den + ErfD[7]);
        }
        else
        {
            double z = 1 / (y * y);
            double num = ErfP[5] * z, den = z;
            for (int i = 0; i < 4; i++)
            {
                num = (num + ErfP[i]) * z;
                den = (den + ErfQ[i]) * z;
            }

            r = z * (num + ErfP[4]) / (den + ErfQ[4]);
            r = (InvSqrtPi - r) / y;
        }

        // exp(-y^2) split as exp(-s^2) exp(-(y - s)(y + s)) with s = y rounded down to 1/16: keeps y^2's rounding
        // error out of the exponent (Cody's trick).
        double s = Math.Truncate(y * 16) / 16;
        double del = (y - s) * (y + s);
        return Math.Exp(-s * s) * Math.Exp(-del) * r;
    }

    private static readonly double[] ErfA = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
    private static readonly double[] ErfB = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
    private static readonly double[] ErfC = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
    private static readonly double[] ErfD = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
    private static readonly double[] ErfP = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
    private static readonly double[] ErfQ = [2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

    private const double InvSqrtPi = 0.56418958354775628695;
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;
    private const double SqrtTwoOverPi = 0.79788456080286535588;
}
