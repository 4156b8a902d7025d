using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 2, micrograd. The learner's <c>Value</c> is driven through <c>dynamic</c> so its operators bind at run time.</summary>
public sealed class MicrogradChecks : LabChecks
{
    /// <inheritdoc />
    public override string LabId => "micrograd";

    /// <summary>Registers the checks.</summary>
    public MicrogradChecks()
    {
        Add("sanity-expression", ctx =>
        {
            // micrograd's test_sanity_check, reference: DlPath's autograd on float64 scalars.
            dynamic x = ctx.Subject.New("Value", -4.0, "x");
            dynamic y = Sanity(x);
            y.Backward();
            var tx = Scalar(-4.0);
            var ty = SanityTensor(tx);
            ty.Backward();
            return CheckOutcome.All(
                Numeric.Compare("y", (double)y.Data, ty.Item(), ctx.Tolerance),
                Numeric.Compare("dy/dx", (double)x.Grad, tx.Grad!.Item(), ctx.Tolerance, Factors));
        });

        Add("more-ops", ctx =>
        {
            dynamic a = ctx.Subject.New("Value", -4.0, "a");
            dynamic b = ctx.Subject.New("Value", 2.0, "b");
            dynamic g = MoreOps(a, b);
            g.Backward();
            var ta = Scalar(-4.0);
            var tb = Scalar(2.0);
            var tg = MoreOpsTensor(ta, tb);
            tg.Backward();
            return CheckOutcome.All(
                Numeric.Compare("g", (double)g.Data, tg.Item(), ctx.Tolerance),
                Numeric.Compare("dg/da", (double)a.Grad, ta.Grad!.Item(), ctx.Tolerance, Factors),
                Numeric.Compare("dg/db", (double)b.Grad, tb.Grad!.Item(), ctx.Tolerance, Factors));
        });

        Add("grad-accumulates", ctx =>
        {
            dynamic a = ctx.Subject.New("Value", 3.0, "a");
            dynamic sum = a + a;
            sum.Backward();
            if (Math.Abs((double)a.Grad - 2.0) > ctx.Tolerance)
                return CheckOutcome.Fail($"for s = a + a, ds/da should be 2 but is {(double)a.Grad}", "grad-overwritten");
            dynamic c = ctx.Subject.New("Value", 3.0, "c");
            dynamic square = c * c;
            square.Backward();
            if (Math.Abs((double)c.Grad - 6.0) > ctx.Tolerance)
                return CheckOutcome.Fail($"for p = c * c at c = 3, dp/dc should be 6 but is {(double)c.Grad}", (double)c.Grad == 3.0 ? "grad-overwritten" : null);
            return CheckOutcome.Pass("a + a and c * c give 2 and 2c");
        });

        Add("tanh-gradcheck", ctx =>
        {
            var outcomes = new List<CheckOutcome>();
            foreach (var (w0, x0, b0) in new[] { (0.5, -1.5, 0.3), (-1.2, 0.7, 0.9), (2.0, 0.25, -0.4) })
            {
                dynamic w = ctx.Subject.New("Value", w0, "w");
                dynamic xv = ctx.Subject.New("Value", x0, "x");
                dynamic bv = ctx.Subject.New("Value", b0, "b");
                dynamic o = (w * xv + bv).Tanh();
                o.Backward();
                double t = Math.Tanh((w0 * x0) + b0);
                double numeric = (Math.Tanh(((w0 + Numeric.H) * x0) + b0) - Math.Tanh(((w0 - Numeric.H) * x0) + b0)) / (2 * Numeric.H);
                outcomes.Add(Numeric.Compare("d tanh/dw", (double)w.Grad, numeric, ctx.Tolerance, Factors, [("tanh-derivative", (1 - t) * x0)]));
                double numericB = (Math.Tanh((w0 * x0) + b0 + Numeric.H) - Math.Tanh((w0 * x0) + b0 - Numeric.H)) / (2 * Numeric.H);
                outcomes.Add(Numeric.Compare("d tanh/db", (double)bv.Grad, numericB, ctx.Tolerance, Factors, [("tanh-derivative", 1 - t)]));
            }

            return CheckOutcome.All([.. outcomes]);
        });

        Add("mlp-overfit", ctx =>
        {
            double[][] xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]];
            double[] ys = [1, -1, -1, 1];
            var stepMethod = "Training.Step";

            // Zeroing: two steps with learning rate 0 must leave the same gradients, not doubled ones.
            var probe = ctx.Subject.New("Mlp", 3, new[] { 4, 4, 1 });
            ctx.Subject.Call<double>(stepMethod, probe, xs, ys, 0.0);
            double first = FirstGrad(probe);
            ctx.Subject.Call<double>(stepMethod, probe, xs, ys, 0.0);
            double second = FirstGrad(probe);
            if (Math.Abs(second - first) > 1e-9 * Math.Max(1, Math.Abs(first)))
                return CheckOutcome.Fail($"two steps with learning rate 0 left a weight's gradient at {first:G6} then {second:G6}", "no-zero-grad");

            var model = ctx.Subject.New("Mlp", 3, new[] { 4, 4, 1 });
            double loss0 = double.NaN, loss = double.NaN;
            for (int i = 0; i < 100; i++)
            {
                loss = ctx.Subject.Call<double>(stepMethod, model, xs, ys, 0.05);
                if (i == 0) loss0 = loss;
            }

            loss = ctx.Subject.Call<double>(stepMethod, model, xs, ys, 0.0);
            var message = $"loss {loss0:G4} -> {loss:G4} after 100 steps (needs < {ctx.Tolerance})";
            return loss < ctx.Tolerance
                ? new CheckOutcome { Passed = true, Message = message, RelativeError = loss, Tolerance = ctx.Tolerance }
                : CheckOutcome.Fail(message, loss > loss0 ? "diverged" : null);
        });
    }

    private static readonly Dictionary<string, double> Factors = new() { ["0.5"] = 0.5, ["2"] = 2, ["-1"] = -1 };

    private static double FirstGrad(object model)
    {
        dynamic m = model;
        foreach (dynamic p in m.Parameters()) return (double)p.Grad;
        return 0;
    }

    private static Tensor Scalar(double v) => Tensor.Scalar(v, DType.Float64).RequireGrad();

    private static dynamic Sanity(dynamic x)
    {
        dynamic z = 2.0 * x + 2.0 + x;
        dynamic q = z.Relu() + z * x;
        dynamic h = (z * z).Relu();
        return h + q + q * x;
    }

    private static Tensor SanityTensor(Tensor x)
    {
        var z = (2.0 * x) + 2.0 + x;
        var q = z.Relu() + (z * x);
        var h = (z * z).Relu();
        return h + q + (q * x);
    }

    private static dynamic MoreOps(dynamic a, dynamic b)
    {
        dynamic c = a + b;
        dynamic d = a * b + b.Pow(3.0);
        c = c + c + 1.0;
        c = c + (1.0 + c + (-a));
        d = d + (d * 2.0 + (b + a).Relu());
        d = d + (3.0 * d + (b - a).Relu());
        dynamic e = c - d;
        dynamic f = e.Pow(2.0);
        dynamic g = f / 2.0;
        g = g + 10.0 / f;
        return g;
    }

    private static Tensor MoreOpsTensor(Tensor a, Tensor b)
    {
        var c = a + b;
        var d = (a * b) + b.Pow(3.0);
        c = c + c + 1.0;
        c = c + (1.0 + c + (-a));
        d = d + ((d * 2.0) + (b + a).Relu());
        d = d + ((3.0 * d) + (b - a).Relu());
        var e = c - d;
        var f = e.Pow(2.0);
        var g = f / 2.0;
        g = g + (10.0 / f);
        return g;
    }
}
