using DlPath.Tensors;

namespace Labs.Attention.Bugs.NoScale
{
    // Seeded bug: scores not divided by sqrt(d).
    public static class Attention
    {
        public static (Tensor Out, Tensor Weights) ScaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor? mask) =>
            Labs.Attention.Attention.Forward(q, k, v, mask, scale: false);
    }
}

namespace Labs.Attention.Bugs.MaskTransposed
{
    // Seeded bug: upper-triangular mask (s >= t): each position sees the future instead of the past.
    public static class Attention
    {
        public static Tensor CausalMask(int length) => Tensor.Arange(length).Unsqueeze(0).Ge(Tensor.Arange(length).Unsqueeze(1));
    }
}

namespace Labs.Attention.Bugs.CausalIgnored
{
    // Seeded bug: the causal flag is ignored in multi-head attention.
    public static class MultiHead
    {
        public static Tensor Forward(Tensor x, Tensor wq, Tensor wk, Tensor wv, Tensor wo, int heads, bool causal) =>
            Labs.Attention.MultiHead.ForwardCore(x, wq, wk, wv, wo, heads, null);
    }
}
