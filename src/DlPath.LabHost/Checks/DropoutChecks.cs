using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 6, inverted dropout.</summary>
public sealed class DropoutChecks : LabChecks
{
    /// <inheritdoc />
    public override string LabId => "dropout";

    /// <summary>Registers the checks.</summary>
    public DropoutChecks()
    {
        Add("train-statistics", ctx =>
        {
            // x = 10 + linspace so the mean is far from 0 and a missing 1/(1-p) shows clearly.
            var x = Numeric.Linspace(9, 11, 400, 250);
            var lines = new List<string>();
            foreach (var p in new[] { 0.25, 0.5, 0.7 })
            {
                var (output, _) = ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, p, true, new Generator(42));
                double zeros = output.Eq(0).Double().Mean().Item();
                double ratio = output.Mean().Item() / x.Mean().Item();
                lines.Add($"p={p}: {zeros:P1} zeros, mean(out)/mean(x) = {ratio:F3}");
                if (Math.Abs(zeros - (1 - p)) < ctx.Tolerance && p != 0.5)
                    return CheckOutcome.Fail($"p={p}: {zeros:P1} of the outputs are zero, expected about {p:P0}", "keep-prob");
                if (Math.Abs(zeros - p) > ctx.Tolerance)
                    return CheckOutcome.Fail($"p={p}: {zeros:P1} of the outputs are zero, expected about {p:P0}");
                if (Math.Abs(ratio - (1 - p)) < ctx.Tolerance)
                    return CheckOutcome.Fail($"p={p}: mean(out) is {ratio:F3} times mean(x), expected 1", "no-inverted-scale");
                if (Math.Abs(ratio - 1) > 3 * ctx.Tolerance)
                    return CheckOutcome.Fail($"p={p}: mean(out) is {ratio:F3} times mean(x), expected 1");
            }

            return CheckOutcome.Pass(string.Join("; ", lines));
        });

        Add("mask-consistent", ctx =>
        {
            var x = Numeric.Randn(7, 20, 30);
            const double p = 0.3;
            var (out1, mask1) = ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, p, true, new Generator(9));
            var (out2, _) = ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, p, true, new Generator(9));
            if (mask1 is null) return CheckOutcome.Fail("training mode returned a null mask");
            if (!mask1.Eq(0).LogicalOr(mask1.Eq(1)).All().Item<bool>())
                return CheckOutcome.Fail("the mask holds values other than 0 and 1 (return the unscaled keep mask)");
            var same = Numeric.Compare("out (same seed twice)", out2, out1, ctx.Tolerance);
            if (!same.Passed) return same with { Message = "the same generator seed gave different outputs: draw from the generator argument" };
            return Numeric.Compare("out", out1, x * mask1.Double() / (1 - p), ctx.Tolerance,
                alternatives: [("no-inverted-scale", x * mask1.Double())]);
        });

        Add("eval-identity", ctx =>
        {
            var x = Numeric.Linspace(-2, 3, 10, 10);
            var (output, _) = ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, 0.4, false, new Generator(3));
            var outcome = Numeric.Compare("out", output, x, ctx.Tolerance, alternatives: [("eval-scaled", x * 0.6), ("eval-scaled", x / 0.6)]);
            if (!outcome.Passed && outcome.Mistake is null && output.Eq(0).Double().Sum().Item() > 0)
                return outcome with { Mistake = "eval-dropped" };
            return outcome;
        });

        Add("backward-gradcheck", ctx =>
        {
            var x = Numeric.Randn(11, 8, 12);
            var dout = Numeric.Randn(12, 8, 12);
            const double p = 0.35;
            var (_, mask) = ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, p, true, new Generator(5));
            if (mask is null) return CheckOutcome.Fail("training mode returned a null mask");
            var dx = ctx.Subject.Call<Tensor>("Dropout.Backward", dout, mask, p);
            // A fresh generator with the same seed for every evaluation keeps the mask fixed.
            var numeric = Numeric.Gradient(() => ctx.Subject.Call<(Tensor, Tensor?)>("Dropout.Forward", x, p, true, new Generator(5)).Item1, x, dout);
            return Numeric.Compare("dx", dx, numeric, ctx.Tolerance, new Dictionary<string, double> { ["1/(1-p)"] = 1 - p });
        });
    }
}
