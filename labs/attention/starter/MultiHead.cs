using DlPath.Tensors;

namespace Labs.Attention;

/// <summary>Lab 10: multi-head self-attention (no biases). x (B, T, E); wq, wk, wv, wo (E, E); E divisible by heads.</summary>
public static class MultiHead
{
    /// <summary>§4: heads attend in parallel to E / heads dimensional projections; causal: each position sees only the past.</summary>
    public static Tensor Forward(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal)
    {
        throw new NotImplementedException("README §4 Multi-head attention: Forward");
    }

    /// <summary>§5: (dx, dwq, dwk, dwv, dwo) given dout (B, T, E).</summary>
    public static (Tensor Dx, Tensor Dwq, Tensor Dwk, Tensor Dwv, Tensor Dwo) Backward(
        Tensor dout, Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal)
    {
        throw new NotImplementedException("README §5 Multi-head attention: Backward");
    }
}
