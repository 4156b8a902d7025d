using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 4, affine/ReLU layers and a two-layer network.</summary>
public sealed class LayersChecks : LabChecks
{
    /// <inheritdoc />
    public override string LabId => "layers";

    /// <summary>Registers the checks.</summary>
    public LayersChecks()
    {
        Add("affine-forward", ctx =>
        {
            var x = Numeric.Linspace(-0.1, 0.5, 2, 4, 5, 6);
            var w = Numeric.Linspace(-0.2, 0.3, 120, 3);
            var b = Numeric.Linspace(-0.3, 0.1, 3);
            var yours = ctx.Subject.Call<Tensor>("Layers.AffineForward", x, w, b);
            return Numeric.Compare("out", yours, x.Reshape(2, 120).MatMul(w) + b, ctx.Tolerance);
        });

        Add("affine-backward", ctx =>
        {
            var x = Numeric.Randn(21, 10, 2, 3);
            var w = Numeric.Randn(22, 6, 5);
            var b = Numeric.Randn(23, 5);
            var dout = Numeric.Randn(24, 10, 5);
            var (dx, dw, db) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("Layers.AffineBackward", dout, x, w, b);
            Tensor F() => ctx.Subject.Call<Tensor>("Layers.AffineForward", x, w, b);
            return CheckOutcome.All(
                Numeric.Compare("dx", dx, Numeric.Gradient(F, x, dout), ctx.Tolerance),
                Numeric.Compare("dw", dw, Numeric.Gradient(F, w, dout), ctx.Tolerance),
                Numeric.Compare("db", db, Numeric.Gradient(F, b, dout), ctx.Tolerance));
        });

        Add("relu", ctx =>
        {
            // Values kept away from the kink at 0, where the centered difference is meaningless.
            var x = Numeric.Linspace(-1.05, 1.0, 4, 5);
            var dout = Numeric.Randn(31, 4, 5);
            var forward = Numeric.Compare("out", ctx.Subject.Call<Tensor>("Layers.ReluForward", x), x.Relu(), ctx.Tolerance);
            if (!forward.Passed) return forward;
            var dx = ctx.Subject.Call<Tensor>("Layers.ReluBackward", dout, x);
            var numeric = Numeric.Gradient(() => ctx.Subject.Call<Tensor>("Layers.ReluForward", x), x, dout);
            return Numeric.Compare("dx", dx, numeric, ctx.Tolerance, alternatives: [("relu-mask-dout", dout * dout.Gt(0).Double())]);
        });

        Add("softmax-loss", ctx =>
        {
            const int n = 10;
            var scores = Numeric.Randn(41, n, 6);
            var y = Labels(n, 6);
            var (loss, dscores) = ctx.Subject.Call<(double, Tensor)>("Layers.SoftmaxLoss", scores, y);
            var expected = -scores.LogSoftmax(1).Gather(1, y.Unsqueeze(1)).Mean().Item();
            var factors = new Dictionary<string, double> { ["N"] = n };
            var lossCheck = Numeric.Compare("loss", loss, expected, ctx.Tolerance, factors);
            if (!lossCheck.Passed) return lossCheck;
            var numeric = Numeric.Gradient(() => ctx.Subject.Call<(double, Tensor)>("Layers.SoftmaxLoss", scores, y).Item1, scores);
            return Numeric.Compare("dscores", dscores, numeric, ctx.Tolerance, factors);
        });

        Add("two-layer-gradcheck", ctx =>
        {
            var (x, y, p) = Net(5, 4, 6, 3, seed: 51, scale: 0.5);
            const double reg = 0.1;
            var grads = ctx.Subject.Call<(double, Tensor, Tensor, Tensor, Tensor)>("TwoLayerNet.Loss", x, y, p[0], p[1], p[2], p[3], reg);
            Tensor[] yours = [grads.Item2, grads.Item3, grads.Item4, grads.Item5];
            string[] names = ["dW1", "db1", "dW2", "db2"];
            var outcomes = new List<CheckOutcome>();
            for (int i = 0; i < 4; i++)
            {
                var numeric = Numeric.Gradient(() => ctx.Subject.Call<(double, Tensor, Tensor, Tensor, Tensor)>("TwoLayerNet.Loss", x, y, p[0], p[1], p[2], p[3], reg).Item1, p[i]);
                var alt = i % 2 == 0 ? new[] { ("reg-grad-factor", numeric - (reg * p[i])), ("reg-grad-factor", numeric + (reg * p[i])) } : [];
                outcomes.Add(Numeric.Compare(names[i], yours[i], numeric, ctx.Tolerance, alternatives: alt));
            }

            return CheckOutcome.All([.. outcomes]);
        });

        Add("two-layer-init-loss", ctx =>
        {
            var (x, y, p) = Net(20, 30, 40, 10, seed: 61, scale: 1e-3);
            var loss = ctx.Subject.Call<(double, Tensor, Tensor, Tensor, Tensor)>("TwoLayerNet.Loss", x, y, p[0], p[1], p[2], p[3], 0.0).Item1;
            var message = $"loss {loss:G6} at initialisation, ln 10 = {Math.Log(10):G6}";
            return Math.Abs(loss - Math.Log(10)) <= ctx.Tolerance
                ? CheckOutcome.Pass(message)
                : CheckOutcome.Fail(message, Math.Abs(loss - (20 * Math.Log(10))) < 1 ? "scale:N" : null);
        });

        Add("two-layer-overfit", ctx =>
        {
            var (x, y, p) = Net(50, 20, 50, 5, seed: 71, scale: 0.1);
            double loss = 0;
            for (int step = 0; step < 300; step++)
            {
                var r = ctx.Subject.Call<(double, Tensor, Tensor, Tensor, Tensor)>("TwoLayerNet.Loss", x, y, p[0], p[1], p[2], p[3], 0.0);
                loss = r.Item1;
                Tensor[] g = [r.Item2, r.Item3, r.Item4, r.Item5];
                for (int i = 0; i < 4; i++) p[i] = p[i] - (0.5 * g[i]);
            }

            var scores = ctx.Subject.Call<Tensor>("TwoLayerNet.Scores", x, p[0], p[1], p[2], p[3]);
            double accuracy = scores.ArgMax(1).Eq(y).Double().Mean().Item();
            var message = $"after 300 steps: loss {loss:G4}, training accuracy {accuracy:P0} on 50 examples";
            return accuracy >= ctx.Tolerance ? CheckOutcome.Pass(message) : CheckOutcome.Fail(message);
        });
    }

    private static Tensor Labels(int n, int c)
    {
        var labels = new long[n];
        for (int i = 0; i < n; i++) labels[i] = ((i * 5) + 2) % c;
        return Tensor.FromArray(labels, n);
    }

    private static (Tensor X, Tensor Y, Tensor[] Params) Net(int n, int d, int h, int c, ulong seed, double scale) =>
        (Numeric.Randn(seed, n, d), Labels(n, c),
        [Numeric.Randn(seed + 1, d, h) * scale, Numeric.Randn(seed + 2, h) * 0.01, Numeric.Randn(seed + 3, h, c) * scale, Numeric.Randn(seed + 4, c) * 0.01]);
}
