using DlPath.Tensors.Tests.Golden;

namespace DlPath.Tensors.Tests.MathOps;

/// <summary>
/// Numeric gradient checks (float64, centered differences) for every differentiable math op, at points away
/// from kinks (no element at 0 for abs/relu, no ties for max/min, nothing on a clamp bound).
/// </summary>
public class MathGradCheckTests
{
    private static Tensor P(double lo, double hi, params int[] shape) => GoldenPattern.Linspace(shape, lo, hi, DType.Float64);

    // Points: x is (3,4) in [-2, 2] without zeros, pos is (3,4) in [0.2, 3].
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Checks = new()
    {
        ["exp"] = (x => x[0].Exp(), () => [P(-2, 2, 3, 4)]),
        ["log"] = (x => x[0].Log(), () => [P(0.2, 3, 3, 4)]),
        ["log1p"] = (x => x[0].Log1p(), () => [P(-0.5, 3, 3, 4)]),
        ["sqrt"] = (x => x[0].Sqrt(), () => [P(0.2, 3, 3, 4)]),
        ["rsqrt"] = (x => x[0].Rsqrt(), () => [P(0.2, 3, 3, 4)]),
        ["abs"] = (x => x[0].Abs(), () => [P(-2, 2, 3, 4)]),
        ["sin"] = (x => x[0].Sin(), () => [P(-4, 4, 3, 4)]),
        ["cos"] = (x => x[0].Cos(), () => [P(-4, 4, 3, 4)]),
        ["tanh"] = (x => x[0].Tanh(), () => [P(-2, 2, 3, 4)]),
        ["sigmoid"] = (x => x[0].Sigmoid(), () => [P(-5, 5, 3, 4)]),
        ["relu"] = (x => x[0].Relu(), () => [P(-2, 2, 3, 4)]),
        ["leaky_relu"] = (x => x[0].LeakyRelu(0.2), () => [P(-2, 2, 3, 4)]),
        ["gelu"] = (x => x[0].Gelu(), () => [P(-4, 4, 3, 4)]),
        ["gelu_tanh"] = (x => x[0].Gelu("tanh"), () => [P(-4, 4, 3, 4)]),
        ["silu"] = (x => x[0].Silu(), () => [P(-4, 4, 3, 4)]),
        ["softplus"] = (x => x[0].Softplus(), () => [P(-4, 4, 3, 4)]),
        ["softplus_beta_threshold"] = (x => x[0].Softplus(2, 3), () => [P(-4, 4, 3, 4)]),
        ["clamp"] = (x => x[0].Clamp(-0.55, 1.05), () => [P(-2, 2, 3, 4)]),
        ["clamp_min"] = (x => x[0].ClampMin(0.05), () => [P(-2, 2, 3, 4)]),
        ["pow_3"] = (x => x[0].Pow(3), () => [P(-2, 2, 3, 4)]),
        ["pow_half"] = (x => x[0].Pow(0.5), () => [P(0.2, 3, 3, 4)]),
        ["pow_m1p5"] = (x => x[0].Pow(-1.5), () => [P(0.2, 3, 3, 4)]),
        ["pow_tensor_bcast"] = (x => x[0].Pow(x[1]), () => [P(0.2, 3, 3, 4), P(-1, 2, 4)]),
        ["pow_base"] = (x => Tensor.Pow(2.5, x[0]), () => [P(-2, 2, 3, 4)]),
        ["maximum_bcast"] = (x => x[0].Maximum(x[1]), () => [P(-2, 2, 3, 4), P(-1.05, 1.1, 4)]),
        ["minimum_bcast"] = (x => x[0].Minimum(x[1]), () => [P(-2, 2, 3, 4), P(-1.05, 1.1, 4)]),
        ["where"] = (x => Tensor.Where(x[0] > 0.3, x[0] * 2.0, x[1]), () => [P(-2, 2, 3, 4), P(-1, 1, 4)]),
        ["max_all"] = (x => x[0].Max(), () => [P(-2, 2, 3, 4)]),
        ["min_all"] = (x => x[0].Min(), () => [P(-2, 2, 3, 4)]),
        ["max_dim"] = (x => x[0].Max(1).Values, () => [P(-2, 2, 3, 4)]),
        ["min_dim_keep"] = (x => x[0].Min(0, keepDim: true).Values, () => [P(-2, 2, 3, 4)]),
        ["amax_dims"] = (x => x[0].Amax([0, 2]), () => [P(-2, 2, 2, 3, 4)]),
        ["var_all"] = (x => x[0].Var(), () => [P(-2, 2, 3, 4)]),
        ["var_dims_keep"] = (x => x[0].Var([0, 2], true, keepDim: true), () => [P(-2, 2, 2, 3, 4)]),
        ["var_correction0"] = (x => x[0].Var([1], 0, false), () => [P(-2, 2, 3, 4)]),
        ["std_dim"] = (x => x[0].Std(1), () => [P(-2, 2, 3, 4)]),
        ["std_all_biased"] = (x => x[0].Std(false), () => [P(-2, 2, 3, 4)]),
        ["prod_all"] = (x => x[0].Prod(), () => [P(0.5, 1.5, 2, 3)]),
        ["prod_dim_with_zero"] = (x => x[0].Prod(1), () => [Tensor.FromArray(new double[] { 1.5, 0, 2, -1, 0, 3, 0, 2, 1.5, -2, 0.5, 3 }, 3, 4)]),
        ["norm_2"] = (x => x[0].Norm(), () => [P(-2, 2, 3, 4)]),
        ["norm_fro_dims"] = (x => x[0].Norm(2, [0, 1]), () => [P(-2, 2, 2, 3, 4)]),
        ["norm_1_dim"] = (x => x[0].Norm(1, 1), () => [P(-2, 2, 3, 4)]),
        ["norm_inf_dim"] = (x => x[0].Norm(double.PositiveInfinity, 1), () => [P(-2, 2, 3, 4)]),
        ["norm_3_dim"] = (x => x[0].Norm(3, 0), () => [P(-2, 2, 3, 4)]),
        ["logsumexp_dim"] = (x => x[0].LogSumExp(1), () => [P(-2, 2, 3, 4)]),
        ["logsumexp_all"] = (x => x[0].LogSumExp(), () => [P(-2, 2, 3, 4)]),
        ["cumsum_dim0"] = (x => x[0].CumSum(0), () => [P(-2, 2, 3, 4)]),
        ["cumsum_transposed"] = (x => x[0].T.CumSum(-1), () => [P(-2, 2, 3, 4)]),
        ["softmax_last"] = (x => x[0].Softmax(-1), () => [P(-2, 2, 3, 4)]),
        ["softmax_dim0"] = (x => x[0].Softmax(0), () => [P(-2, 2, 3, 4)]),
        ["softmax_transposed"] = (x => x[0].T.Softmax(1), () => [P(-2, 2, 3, 4)]),
        ["log_softmax_last"] = (x => x[0].LogSoftmax(-1), () => [P(-2, 2, 3, 4)]),
        ["log_softmax_dim1_3d"] = (x => x[0].LogSoftmax(1), () => [P(-2, 2, 2, 3, 4)]),
        ["composite_mlp_head"] = (x => x[0].MatMul(x[1]).Gelu().LogSoftmax(-1).Mean(), () => [P(-1, 1, 3, 4), P(-1, 1, 4, 5)]),
    };

    public static TheoryData<string> Names => new(Checks.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var (f, inputs) = Checks[name];
        var result = GradCheck.Check(f, inputs());
        Assert.True(result.Passed, $"{name}: {result}");
    }
}
