using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 9, RNN, LSTM and word embeddings. References are DlPath ops; their gradients DlPath's autograd.</summary>
public sealed class RnnChecks : LabChecks
{
    private const int N = 3, T = 4, D = 5, H = 4, V = 7;

    /// <inheritdoc />
    public override string LabId => "rnn";

    /// <summary>Registers the checks.</summary>
    public RnnChecks()
    {
        Add("rnn-step-forward", ctx =>
        {
            // cs231n's rnn_step_forward inputs (N=3, D=10, H=4).
            var x = Numeric.Linspace(-0.4, 0.7, 3, 10);
            var h = Numeric.Linspace(-0.2, 0.5, 3, 4);
            var wx = Numeric.Linspace(-0.1, 0.9, 10, 4);
            var wh = Numeric.Linspace(-0.3, 0.7, 4, 4);
            var b = Numeric.Linspace(-0.2, 0.4, 4);
            var yours = ctx.Subject.Call<Tensor>("Rnn.StepForward", x, h, wx, wh, b);
            return Numeric.Compare("next_h", yours, RnnStep(x, h, wx, wh, b), ctx.Tolerance);
        });

        Add("rnn-step-backward", ctx =>
        {
            var (x, h, wx, wh, b) = (Numeric.Randn(1, N, D), Numeric.Randn(2, N, H), Numeric.Randn(3, D, H), Numeric.Randn(4, H, H), Numeric.Randn(5, H));
            var dnext = Numeric.Randn(6, N, H);
            var g = ctx.Subject.Call<(Tensor, Tensor, Tensor, Tensor, Tensor)>("Rnn.StepBackward", dnext, x, h, wx, wh, b);
            Tensor F() => ctx.Subject.Call<Tensor>("Rnn.StepForward", x, h, wx, wh, b);
            return CheckOutcome.All(
                Numeric.Compare("dx", g.Item1, Numeric.Gradient(F, x, dnext), ctx.Tolerance),
                Numeric.Compare("dprev_h", g.Item2, Numeric.Gradient(F, h, dnext), ctx.Tolerance),
                Numeric.Compare("dwx", g.Item3, Numeric.Gradient(F, wx, dnext), ctx.Tolerance),
                Numeric.Compare("dwh", g.Item4, Numeric.Gradient(F, wh, dnext), ctx.Tolerance),
                Numeric.Compare("db", g.Item5, Numeric.Gradient(F, b, dnext), ctx.Tolerance));
        });

        Add("rnn-sequence", ctx => Sequence(ctx, "Rnn", 1, RnnSequence));

        Add("lstm-step-forward", ctx =>
        {
            var x = Numeric.Linspace(-0.4, 1.2, 3, 5);
            var h = Numeric.Linspace(-0.3, 0.7, 3, 4);
            var c = Numeric.Linspace(-0.4, 0.9, 3, 4);
            var wx = Numeric.Linspace(-2.1, 1.3, 5, 16);
            var wh = Numeric.Linspace(-0.7, 2.2, 4, 16);
            var b = Numeric.Linspace(0.3, 0.7, 16);
            var (nh, nc) = ctx.Subject.Call<(Tensor, Tensor)>("Lstm.StepForward", x, h, c, wx, wh, b);
            var (eh, ec) = LstmStep(x, h, c, wx, wh, b, torchOrder: false);
            var (th, tc) = LstmStep(x, h, c, wx, wh, b, torchOrder: true);
            return CheckOutcome.All(
                Numeric.Compare("next_h", nh, eh, ctx.Tolerance, alternatives: [("gate-order", th)]),
                Numeric.Compare("next_c", nc, ec, ctx.Tolerance, alternatives: [("gate-order", tc)]));
        });

        Add("lstm-step-backward", ctx =>
        {
            var (x, h, c) = (Numeric.Randn(11, N, D), Numeric.Randn(12, N, H), Numeric.Randn(13, N, H));
            var (wx, wh, b) = (Numeric.Randn(14, D, 4 * H), Numeric.Randn(15, H, 4 * H), Numeric.Randn(16, 4 * H));
            var (dnh, dnc) = (Numeric.Randn(17, N, H), Numeric.Randn(18, N, H));
            var g = ctx.Subject.Call<(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)>("Lstm.StepBackward", dnh, dnc, x, h, c, wx, wh, b);
            // Both outputs matter: L = sum(next_h * dnh) + sum(next_c * dnc).
            Tensor F()
            {
                var (nh, nc) = ctx.Subject.Call<(Tensor, Tensor)>("Lstm.StepForward", x, h, c, wx, wh, b);
                return Tensor.Cat([nh, nc], 1);
            }

            var dout = Tensor.Cat([dnh, dnc], 1);
            return CheckOutcome.All(
                Numeric.Compare("dx", g.Item1, Numeric.Gradient(F, x, dout), ctx.Tolerance),
                Numeric.Compare("dprev_h", g.Item2, Numeric.Gradient(F, h, dout), ctx.Tolerance),
                Numeric.Compare("dprev_c", g.Item3, Numeric.Gradient(F, c, dout), ctx.Tolerance),
                Numeric.Compare("dwx", g.Item4, Numeric.Gradient(F, wx, dout), ctx.Tolerance),
                Numeric.Compare("dwh", g.Item5, Numeric.Gradient(F, wh, dout), ctx.Tolerance),
                Numeric.Compare("db", g.Item6, Numeric.Gradient(F, b, dout), ctx.Tolerance));
        });

        Add("lstm-sequence", ctx => Sequence(ctx, "Lstm", 4, LstmSequence));

        Add("embedding", ctx =>
        {
            var indices = Tensor.FromArray(new long[] { 0, 3, 1, 2, 2, 1, 0, 3, 3, 6 }, 2, 5); // repeated words
            var w = Numeric.Linspace(0, 1, V, 3);
            var yours = ctx.Subject.Call<Tensor>("WordEmbedding.Forward", indices, w);
            var expected = w.IndexSelect(0, indices.Reshape(-1)).Reshape(2, 5, 3);
            var forward = Numeric.Compare("out", yours, expected, ctx.Tolerance);
            if (!forward.Passed) return forward;
            var dout = Numeric.Randn(21, 2, 5, 3);
            var dw = ctx.Subject.Call<Tensor>("WordEmbedding.Backward", dout, indices, V);
            var reference = Numeric.Autograd(t => t[0].IndexSelect(0, indices.Reshape(-1)).Reshape(2, 5, 3), [w], dout)[0];
            // The classic bug: dw[v] = dout[n, t] (the last occurrence wins) instead of +=.
            var ids = indices.Reshape(-1).ToArray<long>();
            var rows = dout.Contiguous().ToArray<double>();
            var last = new double[V * 3];
            for (int p = 0; p < ids.Length; p++) Array.Copy(rows, p * 3, last, ids[p] * 3, 3);
            var overwrite = Tensor.FromArray(last, V, 3);
            return Numeric.Compare("dw", dw, reference, ctx.Tolerance, alternatives: [("duplicate-overwrite", overwrite)]);
        });
    }

    private static CheckOutcome Sequence(CheckContext ctx, string cls, int gates, Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> reference)
    {
        var (x, h0) = (Numeric.Randn(31, N, T, D), Numeric.Randn(32, N, H));
        var (wx, wh, b) = (Numeric.Randn(33, D, gates * H) * 0.5, Numeric.Randn(34, H, gates * H) * 0.5, Numeric.Randn(35, gates * H) * 0.5);
        var dh = Numeric.Randn(36, N, T, H);
        var yours = ctx.Subject.Call<Tensor>($"{cls}.Forward", x, h0, wx, wh, b);
        var forward = Numeric.Compare("h", yours, reference(x, h0, wx, wh, b), ctx.Tolerance);
        if (!forward.Passed) return forward;
        var g = ctx.Subject.Call<(Tensor, Tensor, Tensor, Tensor, Tensor)>($"{cls}.Backward", dh, x, h0, wx, wh, b);
        var r = Numeric.Autograd(t => reference(t[0], t[1], t[2], t[3], t[4]), [x, h0, wx, wh, b], dh);
        // Gradient if only dh[:, t] were backpropagated at each step (nothing carried from step t + 1).
        var noCarry = Enumerable.Range(0, T).Select(t =>
            Numeric.Autograd(a => reference(a[0], a[1], a[2], a[3], a[4]).Select(1, t), [x, h0, wx, wh, b], dh.Select(1, t))[0].Select(1, t)).ToArray();
        return CheckOutcome.All(
            Numeric.Compare("dx", g.Item1, r[0], ctx.Tolerance, alternatives: [("no-carry", Tensor.Stack(noCarry, 1))]),
            Numeric.Compare("dh0", g.Item2, r[1], ctx.Tolerance),
            Numeric.Compare("dwx", g.Item3, r[2], ctx.Tolerance),
            Numeric.Compare("dwh", g.Item4, r[3], ctx.Tolerance),
            Numeric.Compare("db", g.Item5, r[4], ctx.Tolerance));
    }

    private static Tensor RnnStep(Tensor x, Tensor h, Tensor wx, Tensor wh, Tensor b) => (x.MatMul(wx) + h.MatMul(wh) + b).Tanh();

    private static Tensor RnnSequence(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        var hs = new List<Tensor>();
        var h = h0;
        for (int t = 0; t < x.Size(1); t++) hs.Add(h = RnnStep(x.Select(1, t), h, wx, wh, b));
        return Tensor.Stack([.. hs], 1);
    }

    private static (Tensor H, Tensor C) LstmStep(Tensor x, Tensor h, Tensor c, Tensor wx, Tensor wh, Tensor b, bool torchOrder)
    {
        int hidden = h.Size(1);
        var a = x.MatMul(wx) + h.MatMul(wh) + b;
        Tensor Block(int k) => a.Narrow(1, k * hidden, hidden);
        var i = Block(0).Sigmoid();
        var f = Block(1).Sigmoid();
        var o = (torchOrder ? Block(3) : Block(2)).Sigmoid();
        var g = (torchOrder ? Block(2) : Block(3)).Tanh();
        var nc = (f * c) + (i * g);
        return (o * nc.Tanh(), nc);
    }

    private static Tensor LstmSequence(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        var hs = new List<Tensor>();
        var h = h0;
        var c = Tensor.ZerosLike(h0);
        for (int t = 0; t < x.Size(1); t++)
        {
            (h, c) = LstmStep(x.Select(1, t), h, c, wx, wh, b, torchOrder: false);
            hs.Add(h);
        }

        return Tensor.Stack([.. hs], 1);
    }
}
