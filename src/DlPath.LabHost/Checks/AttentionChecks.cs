using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 10, attention. References use DlPath's Softmax and MatMul; their gradients DlPath's autograd.</summary>
public sealed class AttentionChecks : LabChecks
{
    /// <inheritdoc />
    public override string LabId => "attention";

    /// <summary>Registers the checks.</summary>
    public AttentionChecks()
    {
        Add("causal-mask", ctx =>
        {
            var yours = ctx.Subject.Call<Tensor>("Attention.CausalMask", 5).Double();
            var expected = Mask(5).Double();
            return Numeric.Compare("mask", yours, expected, ctx.Tolerance, alternatives:
            [
                ("mask-no-diagonal", expected - Tensor.Eye(5, null, DType.Float64)),
                ("mask-transposed", expected.Transpose(0, 1).Contiguous()),
            ]);
        });

        Add("sdpa-forward", ctx =>
        {
            var (q, k, v) = (Numeric.Linspace(-0.3, 0.5, 2, 5, 4), Numeric.Linspace(-0.4, 0.2, 2, 5, 4), Numeric.Linspace(-0.1, 0.6, 2, 5, 3));
            q = q * 6; // large enough scores that a missing 1/sqrt(d) is visible
            var outcomes = new List<CheckOutcome>();
            foreach (var mask in new[] { null, Mask(5) })
            {
                var (output, weights) = ctx.Subject.Call<(Tensor, Tensor)>("Attention.ScaledDotProduct", q, k, v, mask);
                var (eo, ew) = Sdpa(q, k, v, mask, scale: true, softmaxDim: -1);
                outcomes.Add(Numeric.Compare(mask is null ? "weights" : "weights (causal)", weights, ew, ctx.Tolerance, alternatives:
                [
                    ("no-scale", Sdpa(q, k, v, mask, scale: false, softmaxDim: -1).Weights),
                    ("softmax-wrong-axis", Sdpa(q, k, v, mask, scale: true, softmaxDim: 1).Weights),
                    ("mask-no-diagonal", mask is null ? ew : Sdpa(q, k, v, StrictMask(5), scale: true, softmaxDim: -1).Weights),
                    ("mask-transposed", mask is null ? ew : Sdpa(q, k, v, Mask(5).Transpose(0, 1).Contiguous(), scale: true, softmaxDim: -1).Weights),
                ]));
                outcomes.Add(Numeric.Compare(mask is null ? "out" : "out (causal)", output, eo, ctx.Tolerance));
                if (outcomes.Any(o => !o.Passed)) break;
            }

            return CheckOutcome.All([.. outcomes]);
        });

        Add("sdpa-backward", ctx =>
        {
            var (q, k, v) = (Numeric.Randn(1, 2, 4, 3), Numeric.Randn(2, 2, 4, 3), Numeric.Randn(3, 2, 4, 2));
            var dout = Numeric.Randn(4, 2, 4, 2);
            var mask = Mask(4);
            var (dq, dk, dv) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("Attention.ScaledDotProductBackward", dout, q, k, v, mask);
            Tensor F() => ctx.Subject.Call<(Tensor, Tensor)>("Attention.ScaledDotProduct", q, k, v, mask).Item1;
            return CheckOutcome.All(
                Numeric.Compare("dv", dv, Numeric.Gradient(F, v, dout), ctx.Tolerance),
                Numeric.Compare("dq", dq, Numeric.Gradient(F, q, dout), ctx.Tolerance),
                Numeric.Compare("dk", dk, Numeric.Gradient(F, k, dout), ctx.Tolerance));
        });

        Add("multihead-forward", ctx =>
        {
            var (x, w) = Inputs(10);
            var outcomes = new List<CheckOutcome>();
            foreach (var causal in new[] { false, true })
            {
                var yours = ctx.Subject.Call<Tensor>("MultiHead.Forward", x, w[0], w[1], w[2], w[3], 2, causal);
                outcomes.Add(Numeric.Compare(causal ? "out (causal)" : "out", yours, MultiHead(x, w[0], w[1], w[2], w[3], 2, causal, scale: true), ctx.Tolerance,
                    alternatives: [("no-scale", MultiHead(x, w[0], w[1], w[2], w[3], 2, causal, scale: false))]));
                if (!outcomes[^1].Passed) break;
            }

            return CheckOutcome.All([.. outcomes]);
        });

        Add("multihead-backward", ctx =>
        {
            var (x, w) = Inputs(20);
            var dout = Numeric.Randn(29, 2, 5, 4);
            var g = ctx.Subject.Call<(Tensor, Tensor, Tensor, Tensor, Tensor)>("MultiHead.Backward", dout, x, w[0], w[1], w[2], w[3], 2, true);
            var r = Numeric.Autograd(t => MultiHead(t[0], t[1], t[2], t[3], t[4], 2, true, scale: true), [x, .. w], dout);
            return CheckOutcome.All(
                Numeric.Compare("dx", g.Item1, r[0], ctx.Tolerance),
                Numeric.Compare("dwq", g.Item2, r[1], ctx.Tolerance),
                Numeric.Compare("dwk", g.Item3, r[2], ctx.Tolerance),
                Numeric.Compare("dwv", g.Item4, r[3], ctx.Tolerance),
                Numeric.Compare("dwo", g.Item5, r[4], ctx.Tolerance));
        });

        Add("causal-no-future", ctx =>
        {
            var (x, w) = Inputs(30);
            var changed = x.Clone();
            changed.Narrow(1, 3, 2).Fill(7.5); // rewrite tokens 3 and 4
            var a = ctx.Subject.Call<Tensor>("MultiHead.Forward", x, w[0], w[1], w[2], w[3], 2, true);
            var b = ctx.Subject.Call<Tensor>("MultiHead.Forward", changed, w[0], w[1], w[2], w[3], 2, true);
            var outcome = Numeric.Compare("out[:, :3] after changing tokens 3 and 4", b.Narrow(1, 0, 3), a.Narrow(1, 0, 3), ctx.Tolerance);
            return outcome.Passed ? outcome with { Message = "outputs 0..2 unchanged when tokens 3 and 4 change" } : outcome with { Mistake = "future-visible" };
        });
    }

    private static (Tensor X, Tensor[] W) Inputs(ulong seed) =>
        (Numeric.Randn(seed, 2, 5, 4), [Numeric.Randn(seed + 1, 4, 4) * 0.7, Numeric.Randn(seed + 2, 4, 4) * 0.7, Numeric.Randn(seed + 3, 4, 4) * 0.7, Numeric.Randn(seed + 4, 4, 4) * 0.7]);

    private static Tensor Mask(int t) => Tensor.Arange(t).Unsqueeze(1).Ge(Tensor.Arange(t).Unsqueeze(0));

    private static Tensor StrictMask(int t) => Tensor.Arange(t).Unsqueeze(1).Gt(Tensor.Arange(t).Unsqueeze(0));

    private static (Tensor Out, Tensor Weights) Sdpa(Tensor q, Tensor k, Tensor v, Tensor? mask, bool scale, int softmaxDim)
    {
        var scores = q.MatMul(k.Transpose(1, 2));
        if (scale) scores = scores / Math.Sqrt(q.Size(-1));
        if (mask is not null) scores = scores.MaskedFill(mask.LogicalNot(), double.NegativeInfinity);
        var weights = scores.Softmax(softmaxDim);
        return (weights.MatMul(v), weights);
    }

    private static Tensor MultiHead(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal, bool scale)
    {
        int b = x.Size(0), t = x.Size(1), e = x.Size(2), d = e / heads;
        Tensor Split(Tensor y) => y.Reshape(b, t, heads, d).Permute(0, 2, 1, 3).Reshape(b * heads, t, d);
        var (o, _) = Sdpa(Split(x.MatMul(wq)), Split(x.MatMul(wk)), Split(x.MatMul(wv)), causal ? Mask(t) : null, scale, -1);
        return o.Reshape(b, heads, t, d).Permute(0, 2, 1, 3).Reshape(b, t, e).MatMul(wo);
    }
}
