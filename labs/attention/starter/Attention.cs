using DlPath.Tensors;

namespace Labs.Attention;

/// <summary>Lab 10: scaled dot-product attention. q (B, T, d), k (B, S, d), v (B, S, dv). Read README.md.</summary>
public static class Attention
{
    /// <summary>§1: a (T, T) bool mask, true where position t may attend to position s (s &lt;= t).</summary>
    public static Tensor CausalMask(int length)
    {
        throw new NotImplementedException("README §1 Causal mask");
    }

    /// <summary>
    /// §2: softmax(q k^T / sqrt(d)) v with the scores of masked-out pairs (mask false) set to -infinity first;
    /// returns the output (B, T, dv) and the attention weights (B, T, S). mask is (T, S) or null.
    /// </summary>
    public static (Tensor Out, Tensor Weights) ScaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor? mask)
    {
        throw new NotImplementedException("README §2 Scaled dot-product attention: forward");
    }

    /// <summary>§3: (dq, dk, dv) given dout (B, T, dv).</summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv) ScaledDotProductBackward(Tensor dout, Tensor q, Tensor k, Tensor v, Tensor? mask)
    {
        throw new NotImplementedException("README §3 Scaled dot-product attention: backward");
    }
}
