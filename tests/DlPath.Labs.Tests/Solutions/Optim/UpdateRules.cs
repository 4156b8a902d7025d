using DlPath.Tensors;

namespace Labs.Optim;

/// <summary>Reference solution of lab 5 (tests only).</summary>
public static class UpdateRules
{
    public static (Tensor NextW, Tensor NextVelocity) SgdMomentum(Tensor w, Tensor dw, Tensor velocity, double learningRate, double momentum)
    {
        var v = (momentum * velocity) - (learningRate * dw);
        return (w + v, v);
    }

    public static (Tensor NextW, Tensor NextCache) RmsProp(Tensor w, Tensor dw, Tensor cache, double learningRate, double decayRate, double epsilon)
    {
        var c = (decayRate * cache) + ((1 - decayRate) * dw * dw);
        return (w - (learningRate * dw / (c.Sqrt() + epsilon)), c);
    }

    public static (Tensor NextW, Tensor NextM, Tensor NextV) Adam(Tensor w, Tensor dw, Tensor m, Tensor v, int t,
        double learningRate, double beta1, double beta2, double epsilon) =>
        AdamCore(w, dw, m, v, t, learningRate, beta1, beta2, epsilon, biasCorrection: true);

    internal static (Tensor NextW, Tensor NextM, Tensor NextV) AdamCore(Tensor w, Tensor dw, Tensor m, Tensor v, int t,
        double learningRate, double beta1, double beta2, double epsilon, bool biasCorrection)
    {
        var m1 = (beta1 * m) + ((1 - beta1) * dw);
        var v1 = (beta2 * v) + ((1 - beta2) * dw * dw);
        var mt = biasCorrection ? m1 / (1 - Math.Pow(beta1, t)) : m1;
        var vt = biasCorrection ? v1 / (1 - Math.Pow(beta2, t)) : v1;
        return (w - (learningRate * mt / (vt.Sqrt() + epsilon)), m1, v1);
    }
}
