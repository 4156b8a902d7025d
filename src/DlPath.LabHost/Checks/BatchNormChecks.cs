using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 7, batch and layer normalisation.</summary>
public sealed class BatchNormChecks : LabChecks
{
    private const double Eps = 1e-5;
    private const double Momentum = 0.1;

    /// <inheritdoc />
    public override string LabId => "batchnorm";

    /// <summary>Registers the checks.</summary>
    public BatchNormChecks()
    {
        Add("train-forward", ctx =>
        {
            var (x, gamma, beta) = Inputs(200, 3, seed: 1);
            var (output, _, _, _) = Forward(ctx, x, gamma, beta, Tensor.Zeros([3], DType.Float64), Tensor.Ones([3], DType.Float64), train: true);
            var outcome = Numeric.Compare("out", output, Normalise(x, 0, gamma, beta, unbiased: false), ctx.Tolerance,
                alternatives: [("unbiased-var", Normalise(x, 0, gamma, beta, unbiased: true)), ("wrong-axis", Normalise(x, 1, null, null, unbiased: false) * gamma + beta)]);
            if (!outcome.Passed) return outcome;
            var means = output.Mean(0);
            return outcome with { Message = $"per-feature means {Format(means)} (beta {Format(beta)}), stds {Format(output.Std(0, unbiased: false))} (gamma {Format(gamma)})" };
        });

        Add("running-stats", ctx =>
        {
            var (x1, gamma, beta) = Inputs(16, 4, seed: 2);
            var (x2, _, _) = Inputs(16, 4, seed: 3);
            var rm = Tensor.Zeros([4], DType.Float64);
            var rv = Tensor.Ones([4], DType.Float64);
            var (_, _, m1, v1) = Forward(ctx, x1, gamma, beta, rm, rv, train: true);
            var (_, _, m2, v2) = Forward(ctx, x2, gamma, beta, m1, v1, train: true);
            var (em, ev) = Running(rm, rv, [x1, x2], Momentum, unbiased: true);
            var (rmAlt, rvAlt) = Running(rm, rv, [x1, x2], 1 - Momentum, unbiased: true);
            var (_, rvBiased) = Running(rm, rv, [x1, x2], Momentum, unbiased: false);
            return CheckOutcome.All(
                Numeric.Compare("running_mean", m2, em, ctx.Tolerance, alternatives: [("momentum-reversed", rmAlt)]),
                Numeric.Compare("running_var", v2, ev, ctx.Tolerance, alternatives: [("momentum-reversed", rvAlt), ("biased-running-var", rvBiased)]));
        });

        Add("eval-uses-running", ctx =>
        {
            var (x, gamma, beta) = Inputs(32, 5, seed: 4);
            var rm = Numeric.Linspace(-0.5, 0.5, 5);
            var rv = Numeric.Linspace(0.5, 2.0, 5);
            var (output, cache, m, v) = Forward(ctx, x, gamma, beta, rm, rv, train: false);
            var expected = ((x - rm) / (rv + Eps).Sqrt() * gamma) + beta;
            var outcome = Numeric.Compare("out", output, expected, ctx.Tolerance,
                alternatives: [("eval-batch-stats", Normalise(x, 0, gamma, beta, unbiased: false))]);
            if (!outcome.Passed) return outcome;
            return CheckOutcome.All(outcome,
                Numeric.Compare("running_mean (unchanged in evaluation)", m, rm, ctx.Tolerance),
                Numeric.Compare("running_var (unchanged in evaluation)", v, rv, ctx.Tolerance));
        });

        Add("backward-gradcheck", ctx => GradCheck(ctx, "BatchNorm.Backward", 0));
        Add("backward-alt", ctx =>
        {
            var outcome = GradCheck(ctx, "BatchNorm.BackwardAlt", 0);
            if (!outcome.Passed) return outcome;
            var (x, gamma, beta) = Inputs(256, 512, seed: 9);
            var dout = Numeric.Randn(10, 256, 512);
            var (_, cache, _, _) = Forward(ctx, x, gamma, beta, Tensor.Zeros([512], DType.Float64), Tensor.Ones([512], DType.Float64), train: true);
            var graph = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("BatchNorm.Backward", dout, cache);
            var alt = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("BatchNorm.BackwardAlt", dout, cache);
            var agree = Numeric.Compare("dx (closed form vs graph)", alt.Item1, graph.Item1, ctx.Tolerance);
            if (!agree.Passed) return agree;
            double graphMs = Timing.BestMs(() => ctx.Subject.Call<(Tensor, Tensor, Tensor)>("BatchNorm.Backward", dout, cache));
            double altMs = Timing.BestMs(() => ctx.Subject.Call<(Tensor, Tensor, Tensor)>("BatchNorm.BackwardAlt", dout, cache));
            return CheckOutcome.All(outcome, agree) with { Timing = Timing.Report("graph", graphMs, "closed form", altMs) + " (N=256, D=512)" };
        });

        Add("layernorm-forward", ctx =>
        {
            var (x, gamma, beta) = Inputs(6, 40, seed: 5);
            var (output, _) = ctx.Subject.Call<(Tensor, object)>("LayerNorm.Forward", x, gamma, beta, Eps);
            return Numeric.Compare("out", output, Normalise(x, 1, gamma, beta, unbiased: false), ctx.Tolerance,
                alternatives: [("wrong-axis", Normalise(x, 0, gamma, beta, unbiased: false)), ("unbiased-var", Normalise(x, 1, gamma, beta, unbiased: true))]);
        });

        Add("layernorm-gradcheck", ctx => GradCheck(ctx, "LayerNorm.Backward", 1));
    }

    private static (Tensor X, Tensor Gamma, Tensor Beta) Inputs(int n, int d, ulong seed) =>
        ((Numeric.Randn(seed, n, d) * 2.5) + 4.0, Numeric.Linspace(0.5, 1.5, d), Numeric.Linspace(-0.5, 0.5, d));

    private static (Tensor Out, object? Cache, Tensor RunningMean, Tensor RunningVar) Forward(
        CheckContext ctx, Tensor x, Tensor gamma, Tensor beta, Tensor rm, Tensor rv, bool train) =>
        ctx.Subject.Call<(Tensor, object?, Tensor, Tensor)>("BatchNorm.Forward", x, gamma, beta, rm, rv, train, Momentum, Eps);

    private static Tensor Normalise(Tensor x, int dim, Tensor? gamma, Tensor? beta, bool unbiased)
    {
        var xhat = (x - x.Mean(dim, keepDim: true)) / (x.Var(dim, unbiased, keepDim: true) + Eps).Sqrt();
        return gamma is null ? xhat : (xhat * gamma) + beta!;
    }

    private static (Tensor Mean, Tensor Var) Running(Tensor rm, Tensor rv, Tensor[] batches, double momentum, bool unbiased)
    {
        foreach (var b in batches)
        {
            rm = ((1 - momentum) * rm) + (momentum * b.Mean(0));
            rv = ((1 - momentum) * rv) + (momentum * b.Var(0, unbiased));
        }

        return (rm, rv);
    }

    private static CheckOutcome GradCheck(CheckContext ctx, string backward, int normDim)
    {
        var (x, gamma, beta) = Inputs(6, 5, seed: 7);
        var dout = Numeric.Randn(8, 6, 5);
        Tensor F() => normDim == 0
            ? Forward(ctx, x, gamma, beta, Tensor.Zeros([5], DType.Float64), Tensor.Ones([5], DType.Float64), train: true).Out
            : ctx.Subject.Call<(Tensor, object)>("LayerNorm.Forward", x, gamma, beta, Eps).Item1;
        object? cache = normDim == 0
            ? Forward(ctx, x, gamma, beta, Tensor.Zeros([5], DType.Float64), Tensor.Ones([5], DType.Float64), train: true).Cache
            : ctx.Subject.Call<(Tensor, object)>("LayerNorm.Forward", x, gamma, beta, Eps).Item2;
        var (dx, dgamma, dbeta) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>(backward, dout, cache);
        var numericGamma = Numeric.Gradient(F, gamma, dout);
        return CheckOutcome.All(
            Numeric.Compare("dbeta", dbeta, Numeric.Gradient(F, beta, dout), ctx.Tolerance),
            Numeric.Compare("dgamma", dgamma, numericGamma, ctx.Tolerance, alternatives: [("dgamma-no-xhat", dout.Sum(0))]),
            Numeric.Compare("dx", dx, Numeric.Gradient(F, x, dout), ctx.Tolerance));
    }

    private static string Format(Tensor t) => "[" + string.Join(", ", t.ToArray<double>().Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
