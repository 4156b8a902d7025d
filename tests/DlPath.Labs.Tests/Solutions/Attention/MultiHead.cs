using DlPath.Tensors;

namespace Labs.Attention;

/// <summary>Reference solution of lab 10 (tests only).</summary>
public static class MultiHead
{
    public static Tensor Forward(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal) =>
        ForwardCore(x, wq, wk, wv, wo, heads, causal ? Attention.CausalMask(x.Size(1)) : null);

    internal static Tensor ForwardCore(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, Tensor? mask)
    {
        var (q, k, v) = (Split(x.MatMul(wq), heads), Split(x.MatMul(wk), heads), Split(x.MatMul(wv), heads));
        var (o, _) = Attention.ScaledDotProduct(q, k, v, mask);
        return Merge(o, x.Size(0), heads).MatMul(wo);
    }

    internal static Tensor Split(Tensor y, int heads)
    {
        int b = y.Size(0), t = y.Size(1), d = y.Size(2) / heads;
        return y.Reshape(b, t, heads, d).Permute(0, 2, 1, 3).Reshape(b * heads, t, d);
    }

    internal static Tensor Merge(Tensor y, int batch, int heads)
    {
        int t = y.Size(1), d = y.Size(2);
        return y.Reshape(batch, heads, t, d).Permute(0, 2, 1, 3).Reshape(batch, t, heads * d);
    }

    public static (Tensor Dx, Tensor Dwq, Tensor Dwk, Tensor Dwv, Tensor Dwo) Backward(
        Tensor dout, Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal)
    {
        int b = x.Size(0), t = x.Size(1), e = x.Size(2);
        var mask = causal ? Attention.CausalMask(t) : null;
        var (Q, K, V) = (x.MatMul(wq), x.MatMul(wk), x.MatMul(wv));
        var (q, k, v) = (Split(Q, heads), Split(K, heads), Split(V, heads));
        var (o, _) = Attention.ScaledDotProduct(q, k, v, mask);
        var merged = Merge(o, b, heads);
        Tensor Flat(Tensor y) => y.Reshape(b * t, e);
        var dwo = Flat(merged).Transpose(0, 1).MatMul(Flat(dout));
        var dmerged = dout.MatMul(wo.Transpose(0, 1));
        var (dq, dk, dv) = Attention.ScaledDotProductBackward(Split(dmerged, heads), q, k, v, mask);
        var (dQ, dK, dV) = (Merge(dq, b, heads), Merge(dk, b, heads), Merge(dv, b, heads));
        var dx = dQ.MatMul(wq.Transpose(0, 1)) + dK.MatMul(wk.Transpose(0, 1)) + dV.MatMul(wv.Transpose(0, 1));
        var xt = Flat(x).Transpose(0, 1);
        return (dx, xt.MatMul(Flat(dQ)), xt.MatMul(Flat(dK)), xt.MatMul(Flat(dV)), dwo);
    }
}
