namespace DlPath.Tensors.Tests.MathOps;

/// <summary>
/// The vectorised float32 kernels (TensorPrimitives paths) agree with plain double-precision loops (their
/// readable reference twins, written here) on sizes that are not a multiple of any vector width, and the
/// strided fallbacks agree with the contiguous paths.
/// </summary>
public class KernelAgreementTests
{
    private const int Rows = 7, Cols = 587; // 4109 elements: odd, so every vector loop has a remainder

    private static double[] Data(double lo, double hi)
    {
        var d = new double[Rows * Cols];
        for (int i = 0; i < d.Length; i++) d[i] = lo + ((hi - lo) * (((i * 7919) + 13) % d.Length) / d.Length);
        return d;
    }

    public static TheoryData<string> Unary => new(UnaryCases.Keys);

    private static readonly Dictionary<string, (Func<Tensor, Tensor> Op, Func<double, double> Reference, double Lo, double Hi)> UnaryCases = new()
    {
        ["exp"] = (x => x.Exp(), System.Math.Exp, -20, 20),
        ["log"] = (x => x.Log(), System.Math.Log, 1e-3, 1e3),
        ["log1p"] = (x => x.Log1p(), v => System.Math.Log(1 + v), -0.9, 10),
        ["sqrt"] = (x => x.Sqrt(), System.Math.Sqrt, 0, 100),
        ["rsqrt"] = (x => x.Rsqrt(), v => 1 / System.Math.Sqrt(v), 0.01, 100),
        ["sin"] = (x => x.Sin(), System.Math.Sin, -10, 10),
        ["cos"] = (x => x.Cos(), System.Math.Cos, -10, 10),
        ["tanh"] = (x => x.Tanh(), System.Math.Tanh, -10, 10),
        ["sigmoid"] = (x => x.Sigmoid(), v => 1 / (1 + System.Math.Exp(-v)), -30, 30),
        ["relu"] = (x => x.Relu(), v => System.Math.Max(v, 0), -3, 3),
        ["silu"] = (x => x.Silu(), v => v / (1 + System.Math.Exp(-v)), -10, 10),
        ["softplus"] = (x => x.Softplus(), v => v > 20 ? v : System.Math.Log(1 + System.Math.Exp(v)), -30, 30),
        ["gelu"] = (x => x.Gelu(), v => 0.5 * v * (1 + ErfReference(v / System.Math.Sqrt(2))), -8, 8),
        ["gelu_tanh"] = (x => x.Gelu("tanh"), v => 0.5 * v * (1 + System.Math.Tanh(System.Math.Sqrt(2 / System.Math.PI) * (v + (0.044715 * v * v * v)))), -8, 8),
        ["pow_2p5"] = (x => x.Pow(2.5), v => System.Math.Pow(v, 2.5), 0, 5),
        ["clamp"] = (x => x.Clamp(-0.5, 0.75), v => System.Math.Min(System.Math.Max(v, -0.5), 0.75), -2, 2),
    };

    [Theory]
    [MemberData(nameof(Unary))]
    public void Float32KernelMatchesDoubleReference(string name)
    {
        var (op, reference, lo, hi) = UnaryCases[name];
        var data = Data(lo, hi);
        var x = Tensor.FromArray(data.Select(v => (float)v).ToArray(), Rows, Cols);
        var y = op(x).ToArray<float>();
        var xs = x.ToArray<float>();
        for (int i = 0; i < y.Length; i++)
        {
            double expected = reference(xs[i]);
            Assert.True(System.Math.Abs(y[i] - expected) <= 1e-6 + (2e-6 * System.Math.Abs(expected)), $"{name}({xs[i]:R}) = {y[i]:R}, reference {expected:R}");
        }

        // The strided fallback: the same op on a transposed view gives the transposed result.
        var viaView = op(x.T.Contiguous().T).ToArray<float>();
        Assert.Equal(y, viaView);
        var transposed = op(x.T).Contiguous().ToArray<float>();
        Assert.Equal(op(x.T.Contiguous()).ToArray<float>(), transposed);
    }

    [Fact]
    public void SoftmaxAndLogSumExpMatchPlainLoops()
    {
        var data = Data(-30, 30);
        var x = Tensor.FromArray(data.Select(v => (float)v).ToArray(), Rows, Cols);
        var xs = x.ToArray<float>();
        var p = x.Softmax(-1).ToArray<float>();
        var logp = x.LogSoftmax(1).ToArray<float>();
        var lse = x.LogSumExp(1).ToArray<float>();
        for (int r = 0; r < Rows; r++)
        {
            var row = xs.AsSpan(r * Cols, Cols).ToArray().Select(v => (double)v).ToArray();
            double m = row.Max();
            double sum = row.Sum(v => System.Math.Exp(v - m));
            Assert.Equal(m + System.Math.Log(sum), lse[r], 3);
            for (int i = 0; i < Cols; i++)
            {
                double e = System.Math.Exp(row[i] - m) / sum;
                Assert.True(System.Math.Abs(p[(r * Cols) + i] - e) <= 1e-7 + (1e-5 * e), $"softmax row {r} col {i}: {p[(r * Cols) + i]:R} vs {e:R}");
                double le = row[i] - m - System.Math.Log(sum);
                Assert.True(System.Math.Abs(logp[(r * Cols) + i] - le) <= 1e-4 + (1e-6 * System.Math.Abs(le)), $"log_softmax row {r} col {i}: {logp[(r * Cols) + i]:R} vs {le:R}");
            }
        }

        // Along dim 0 (a strided reduction) equals the transposed problem along the last dim.
        Assert.Equal(x.T.Contiguous().Softmax(-1).ToArray<float>(), x.Softmax(0).T.Contiguous().ToArray<float>());
    }

    [Fact]
    public void VarNormAndCumSumMatchPlainLoops()
    {
        var data = Data(-3, 5);
        var x = Tensor.FromArray(data, Rows, Cols);
        var v = x.Var(1).ToArray<double>();
        var n = x.Norm(2, 1).ToArray<double>();
        var c = x.CumSum(1).ToArray<double>();
        for (int r = 0; r < Rows; r++)
        {
            var row = data.AsSpan(r * Cols, Cols).ToArray();
            double mean = row.Average();
            Assert.Equal(row.Sum(a => (a - mean) * (a - mean)) / (Cols - 1), v[r], 10);
            Assert.Equal(System.Math.Sqrt(row.Sum(a => a * a)), n[r], 10);
            double acc = 0;
            for (int i = 0; i < Cols; i++)
            {
                acc += row[i];
                Assert.Equal(acc, c[(r * Cols) + i], 9);
            }
        }
    }

    [Fact]
    public void ErfMatchesKnownValues()
    {
        // Values of C's erf (Python's math.erf); Cody's approximations agree to a few ulps.
        (double X, double Erf)[] known = [(0, 0), (0.1, 0.1124629160182849), (0.6441, 0.6376492761539301), (0.999, 0.8422852702064969), (1.2936, 0.9326642838374446), (0.5, 0.5204998778130465), (1, 0.8427007929497149), (2, 0.9953222650189527), (2.9, 0.9999589021219005), (3.1, 0.9999883513426328), (4, 0.9999999845827421), (-1.5, -0.9661051464753108), (5, 0.9999999999984626), (30, 1)];
        foreach (var (x, erf) in known)
        {
            Assert.True(System.Math.Abs(erf - ErfReference(x)) <= 1e-15 * System.Math.Abs(erf), $"erf({x}) = {ErfReference(x):R}, expected {erf:R}");
        }
    }

    private static double ErfReference(double x) => global::DlPath.Tensors.Kernels.UnaryKernels.Erf(x);
}
