using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 5, update rules. Expected values come from lab.json (NumPy, labs/optim/expected.py).</summary>
public sealed class OptimChecks : LabChecks
{
    private const int N = 4, D = 5;
    private const double Eps = 1e-8;

    /// <inheritdoc />
    public override string LabId => "optim";

    /// <summary>Registers the checks.</summary>
    public OptimChecks()
    {
        Add("sgd-momentum-expected", ctx =>
        {
            var (w, dw, v) = (Numeric.Linspace(-0.4, 0.6, N, D), Numeric.Linspace(-0.6, 0.4, N, D), Numeric.Linspace(0.6, 0.9, N, D));
            var (nextW, nextV) = ctx.Subject.Call<(Tensor, Tensor)>("UpdateRules.SgdMomentum", w, dw, v, 1e-3, 0.9);
            var expectedW = Expected(ctx, "w");
            return CheckOutcome.All(
                Numeric.Compare("next_w", nextW, expectedW, ctx.Tolerance, alternatives: [("old-velocity", w + v), ("sign", w - ((0.9 * v) + (1e-3 * dw)))]),
                Numeric.Compare("velocity", nextV, Expected(ctx, "velocity"), ctx.Tolerance));
        });

        Add("rmsprop-expected", ctx =>
        {
            var (w, dw, cache) = (Numeric.Linspace(-0.4, 0.6, N, D), Numeric.Linspace(-0.6, 0.4, N, D), Numeric.Linspace(0.6, 0.9, N, D));
            var (nextW, nextCache) = ctx.Subject.Call<(Tensor, Tensor)>("UpdateRules.RmsProp", w, dw, cache, 1e-2, 0.99, Eps);
            var expectedCache = Expected(ctx, "cache");
            var small = Numeric.Linspace(-1e-4, 1e-4, N, D);
            var (smallW, _) = ctx.Subject.Call<(Tensor, Tensor)>("UpdateRules.RmsProp", w, small, Tensor.ZerosLike(w), 1e-2, 0.99, Eps);
            return CheckOutcome.All(
                Numeric.Compare("cache", nextCache, expectedCache, ctx.Tolerance),
                Numeric.Compare("next_w", nextW, Expected(ctx, "w"), ctx.Tolerance),
                Numeric.Compare("next_w (tiny gradients, zero cache)", smallW, Expected(ctx, "w_small"), ctx.Tolerance,
                    alternatives: [("eps-inside-sqrt", w - (1e-2 * small / ((0.01 * small * small) + Eps).Sqrt()))]));
        });

        Add("adam-expected", ctx =>
        {
            var w = Numeric.Linspace(-0.4, 0.6, N, D);
            var dw = Numeric.Linspace(-0.6, 0.4, N, D);
            var m = Numeric.Linspace(0.6, 0.9, N, D);
            var v = Numeric.Linspace(0.7, 0.5, N, D);
            var (nextW, nextM, nextV) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("UpdateRules.Adam", w, dw, m, v, 6, 1e-2, 0.9, 0.999, Eps);
            var em = Expected(ctx, "m");
            var ev = Expected(ctx, "v");
            return CheckOutcome.All(
                Numeric.Compare("m", nextM, em, ctx.Tolerance),
                Numeric.Compare("v", nextV, ev, ctx.Tolerance),
                Numeric.Compare("next_w", nextW, Expected(ctx, "w"), ctx.Tolerance, alternatives:
                [
                    ("no-bias-correction", w - (1e-2 * em / (ev.Sqrt() + Eps))),
                    ("eps-inside-sqrt", w - (1e-2 * (em / (1 - Math.Pow(0.9, 6))) / ((ev / (1 - Math.Pow(0.999, 6))) + Eps).Sqrt())),
                ]));
        });

        Add("converge", ctx =>
        {
            // f(w) = 0.5 * sum(a * w^2) with curvatures 1..100: plain SGD with a safe step is slow on the flat axis.
            var a = Tensor.FromArray(new[] { 1.0, 10.0, 100.0 }, 3);
            double Loss(Tensor w) => 0.5 * (a * w * w).Sum().Item();
            var start = Tensor.FromArray(new[] { 1.0, 1.0, 1.0 }, 3);
            var results = new List<string>();
            foreach (var rule in new[] { "SgdMomentum", "RmsProp", "Adam" })
            {
                var w = start.Clone();
                var s1 = Tensor.ZerosLike(w);
                var s2 = Tensor.ZerosLike(w);
                for (int t = 1; t <= 500; t++)
                {
                    var dw = a * w;
                    switch (rule)
                    {
                        case "SgdMomentum": (w, s1) = ctx.Subject.Call<(Tensor, Tensor)>("UpdateRules.SgdMomentum", w, dw, s1, 0.005, 0.9); break;
                        case "RmsProp": (w, s1) = ctx.Subject.Call<(Tensor, Tensor)>("UpdateRules.RmsProp", w, dw, s1, 0.01, 0.99, Eps); break;
                        default: (w, s1, s2) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("UpdateRules.Adam", w, dw, s1, s2, t, 0.05, 0.9, 0.999, Eps); break;
                    }
                }

                double ratio = Loss(w) / Loss(start);
                results.Add($"{rule} {ratio:E1}");
                if (!(ratio < ctx.Tolerance))
                    return CheckOutcome.Fail($"{rule}: the loss fell only to {ratio:E2} of its start in 500 steps (needs < {ctx.Tolerance:E0})");
            }

            return CheckOutcome.Pass("loss after 500 steps / at start: " + string.Join(", ", results));
        });
    }

    private static Tensor Expected(CheckContext ctx, string name) => Tensor.FromArray(ctx.Expected(name), N, D);
}
