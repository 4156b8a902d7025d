using DlPath.Tensors.Tests.Golden;

namespace DlPath.Tensors.Tests.MathOps;

/// <summary>
/// Math ops against PyTorch (tests/golden/make_golden_math.py): forward values, output dtype and input
/// gradients, in float32 and float64, on contiguous, broadcast and transposed (non-contiguous) inputs.
/// </summary>
public class MathGoldenTests
{
    private const string File = "math.json";

    // Parsed once for all cases (the file holds a few hundred); tests never modify the tensors in a case.
    private static readonly Lazy<Dictionary<string, GoldenCase>> Loaded = new(() => GoldenFile.Load(File).ToDictionary(c => c.Name));

    public static TheoryData<string> Cases => new(Loaded.Value.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = Loaded.Value[name];
        var inputs = c.Inputs.Select(t => t.DType.IsFloatingPoint() && c.GradOutput is not null ? t.Clone().RequireGrad() : t).ToArray();
        Tensor output = Apply(c, inputs);

        Assert.Equal(c.Output!.DType, output.DType);
        bool f32 = c.Inputs.Any(t => t.DType == DType.Float32) || c.Output.DType == DType.Float32;
        double rtol = f32 ? 1e-5 : 1e-12, atol = f32 ? 1e-6 : 1e-12;
        TensorAssert.Close(c.Output, output, rtol, atol, $"{name} output");
        if (c.GradOutput is null) return;

        output.Backward(c.GradOutput);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (c.Grads[i] is { } expected) TensorAssert.Close(expected, inputs[i].Grad!, rtol, atol, $"{name} grad of input {i}");
        }
    }

    /// <summary>The C# spelling of each golden op; "t" feeds the op the transpose of its first input.</summary>
    internal static Tensor Apply(GoldenCase c, Tensor[] inputs)
    {
        var x = (Tensor[])inputs.Clone();
        if (c.Arg("t", false)) x[0] = x[0].Transpose(-2, -1);
        bool keep = c.Arg("keepdim", false);
        int[]? dims = c.Args.TryGetProperty("dims", out _) ? c.IntsArg("dims") : null;
        return c.Op switch
        {
            "exp" => x[0].Exp(),
            "log" => x[0].Log(),
            "log1p" => x[0].Log1p(),
            "sqrt" => x[0].Sqrt(),
            "rsqrt" => x[0].Rsqrt(),
            "abs" => x[0].Abs(),
            "sign" => x[0].Sign(),
            "sin" => x[0].Sin(),
            "cos" => x[0].Cos(),
            "tanh" => x[0].Tanh(),
            "sigmoid" => x[0].Sigmoid(),
            "relu" => x[0].Relu(),
            "silu" => x[0].Silu(),
            "leaky_relu" => x[0].LeakyRelu(c.Arg("slope", 0.01)),
            "gelu" => x[0].Gelu(c.Args.TryGetProperty("approximate", out var a) ? a.GetString()! : "none"),
            "softplus" => x[0].Softplus(c.Arg("beta", 1.0), c.Arg("threshold", 20.0)),
            "clamp" => x[0].Clamp(OptionalDouble(c, "min"), OptionalDouble(c, "max")),
            "pow_scalar" => x[0].Pow(c.Arg("exponent", 1.0)),
            "pow_tensor" => x[0].Pow(x[1]),
            "pow_base" => Tensor.Pow(c.Arg("base", 1.0), x[0]),
            "maximum" => x[0].Maximum(x[1]),
            "minimum" => x[0].Minimum(x[1]),
            "max_binary" => x[0].Max(x[1]),
            "min_binary" => x[0].Min(x[1]),
            "where" => Tensor.Where(x[0], x[1], x[2]),
            "max_all" => x[0].Max(),
            "min_all" => x[0].Min(),
            "max_dim_values" => x[0].Max(c.Arg("dim", 0), keep).Values,
            "max_dim_indices" => x[0].Max(c.Arg("dim", 0), keep).Indices,
            "min_dim_values" => x[0].Min(c.Arg("dim", 0), keep).Values,
            "min_dim_indices" => x[0].Min(c.Arg("dim", 0), keep).Indices,
            "amax" => x[0].Amax(dims, keep),
            "amin" => x[0].Amin(dims, keep),
            "argmax" => c.Args.TryGetProperty("dim", out _) ? x[0].ArgMax(c.Arg("dim", 0), keep) : x[0].ArgMax(),
            "argmin" => c.Args.TryGetProperty("dim", out _) ? x[0].ArgMin(c.Arg("dim", 0), keep) : x[0].ArgMin(),
            "var" => c.Args.TryGetProperty("correction", out _) ? x[0].Var(dims, c.Arg("correction", 1.0), keep) : x[0].Var(dims, c.Arg("unbiased", true), keep),
            "std" => x[0].Std(dims, c.Arg("unbiased", true), keep),
            "prod" => c.Args.TryGetProperty("dim", out _) ? x[0].Prod(c.Arg("dim", 0), keep) : x[0].Prod(),
            "norm" => x[0].Norm(NormP(c), dims, keep),
            "logsumexp" => x[0].LogSumExp(dims, keep),
            "cumsum" => x[0].CumSum(c.Arg("dim", 0)),
            "softmax" => x[0].Softmax(c.Arg("dim", -1)),
            "log_softmax" => x[0].LogSoftmax(c.Arg("dim", -1)),
            "eq" => x[0].Eq(x[1]),
            "ne" => x[0].Ne(x[1]),
            "lt" => x[0] < x[1],
            "le" => x[0] <= x[1],
            "gt" => x[0] > x[1],
            "ge" => x[0] >= x[1],
            "eq_scalar" => x[0].Eq(c.Arg("value", 0.0)),
            "ne_scalar" => x[0].Ne(c.Arg("value", 0.0)),
            "lt_scalar" => x[0] < c.Arg("value", 0.0),
            "le_scalar" => x[0] <= c.Arg("value", 0.0),
            "gt_scalar" => x[0] > c.Arg("value", 0.0),
            "ge_scalar" => x[0] >= c.Arg("value", 0.0),
            "logical_and" => x[0].LogicalAnd(x[1]),
            "logical_or" => x[0].LogicalOr(x[1]),
            "logical_xor" => x[0].LogicalXor(x[1]),
            "logical_not" => x[0].LogicalNot(),
            "isnan" => x[0].IsNaN(),
            "isinf" => x[0].IsInf(),
            "isfinite" => x[0].IsFinite(),
            _ => throw new InvalidOperationException($"no C# mapping for golden op '{c.Op}'"),
        };
    }

    private static double? OptionalDouble(GoldenCase c, string name) => c.Args.TryGetProperty(name, out var v) ? v.GetDouble() : null;

    private static double NormP(GoldenCase c) => c.Args.TryGetProperty("p", out var v)
        ? v.ValueKind == System.Text.Json.JsonValueKind.String ? double.PositiveInfinity : v.GetDouble()
        : 2.0;
}
