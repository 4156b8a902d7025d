namespace DlPath.Tensors.Tests.Golden;

/// <summary>Core ops against PyTorch (tests/golden/make_golden_core.py): forward values and input gradients.</summary>
public class CoreGoldenTests
{
    private const string File = "core.json";

    public static TheoryData<string> Cases => GoldenFile.CaseNames(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = GoldenFile.Case(File, name);
        var inputs = c.Inputs.Select(t => t.DType.IsFloatingPoint() ? t.Clone().RequireGrad() : t).ToArray();
        Tensor output = Apply(c, inputs);
        double rtol = c.Inputs[0].DType == DType.Float32 ? 1e-5 : 1e-12;
        TensorAssert.Close(c.Output!, output, rtol, rtol, $"{name} output");
        output.Backward(c.GradOutput!);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (c.Grads[i] is { } expected) TensorAssert.Close(expected, inputs[i].Grad!, rtol, rtol, $"{name} grad of input {i}");
        }
    }

    private static Tensor Apply(GoldenCase c, Tensor[] x) => c.Op switch
    {
        "add" => x[0] + x[1],
        "sub" => x[0] - x[1],
        "mul" => x[0] * x[1],
        "div" => x[0] / x[1],
        "sum" => c.Args.TryGetProperty("dims", out _) ? x[0].Sum(c.IntsArg("dims"), c.Arg("keepdim", false)) : x[0].Sum(),
        "mean" => x[0].Mean(c.IntsArg("dims"), c.Arg("keepdim", false)),
        "matmul" => x[0].MatMul(x[1]),
        "permute" => x[0].Permute(c.IntsArg("dims")) * PermuteWeight(x[0].DType),
        _ => throw new InvalidOperationException($"no C# mapping for golden op '{c.Op}'"),
    };

    // The generator multiplies by a fixed linspace pattern so the gradient is not all ones; rebuild it here.
    private static Tensor PermuteWeight(DType dtype) => GoldenPattern.Linspace([4, 2, 3], -2, 2, dtype);
}

/// <summary>The C# twin of golden_io.linspace_input: the same deterministic pattern the generators use.</summary>
public static class GoldenPattern
{
    public static Tensor Linspace(int[] shape, double lo, double hi, DType dtype)
    {
        int n = ShapeUtil.Numel(shape);
        var baseValues = Tensor.Linspace(lo, hi, Math.Max(n, 1), DType.Float64).ToArray<double>();
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = baseValues[((i * 7) + 3) % Math.Max(n, 1)];
        return Tensor.FromArray(data, shape).To(dtype);
    }
}
