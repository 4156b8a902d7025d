using DlPath.Tensors;

namespace Labs.Attention;

/// <summary>Reference solution of lab 10 (tests only).</summary>
public static class Attention
{
    public static Tensor CausalMask(int length) => Tensor.Arange(length).Unsqueeze(1).Ge(Tensor.Arange(length).Unsqueeze(0));

    public static (Tensor Out, Tensor Weights) ScaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor? mask) =>
        Forward(q, k, v, mask, scale: true);

    internal static (Tensor Out, Tensor Weights) Forward(Tensor q, Tensor k, Tensor v, Tensor? mask, bool scale)
    {
        var scores = q.MatMul(k.Transpose(1, 2));
        if (scale) scores = scores / Math.Sqrt(q.Size(2));
        if (mask is not null) scores = scores.MaskedFill(mask.LogicalNot(), double.NegativeInfinity);
        var weights = scores.Softmax(-1);
        return (weights.MatMul(v), weights);
    }

    public static (Tensor Dq, Tensor Dk, Tensor Dv) ScaledDotProductBackward(Tensor dout, Tensor q, Tensor k, Tensor v, Tensor? mask)
    {
        var (_, weights) = ScaledDotProduct(q, k, v, mask);
        double scale = 1 / Math.Sqrt(q.Size(2));
        var dv = weights.Transpose(1, 2).MatMul(dout);
        var dweights = dout.MatMul(v.Transpose(1, 2));
        var dscores = weights * (dweights - (dweights * weights).Sum(-1, keepDim: true));
        return (dscores.MatMul(k) * scale, dscores.Transpose(1, 2).MatMul(q) * scale, dv);
    }
}
