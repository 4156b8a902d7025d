using DlPath.Tensors;

namespace Labs.Optim.Bugs.NoBiasCorrection
{
    // Seeded bug: Adam without bias correction.
    public static class UpdateRules
    {
        public static (Tensor NextW, Tensor NextM, Tensor NextV) Adam(Tensor w, Tensor dw, Tensor m, Tensor v, int t,
            double learningRate, double beta1, double beta2, double epsilon) =>
            Labs.Optim.UpdateRules.AdamCore(w, dw, m, v, t, learningRate, beta1, beta2, epsilon, biasCorrection: false);
    }
}

namespace Labs.Optim.Bugs.EpsInsideSqrt
{
    // Seeded bug: RMSprop's epsilon inside the square root.
    public static class UpdateRules
    {
        public static (Tensor NextW, Tensor NextCache) RmsProp(Tensor w, Tensor dw, Tensor cache, double learningRate, double decayRate, double epsilon)
        {
            var c = (decayRate * cache) + ((1 - decayRate) * dw * dw);
            return (w - (learningRate * dw / (c + epsilon).Sqrt()), c);
        }
    }
}

namespace Labs.Optim.Bugs.OldVelocity
{
    // Seeded bug: the step uses the old velocity.
    public static class UpdateRules
    {
        public static (Tensor NextW, Tensor NextVelocity) SgdMomentum(Tensor w, Tensor dw, Tensor velocity, double learningRate, double momentum) =>
            (w + velocity, (momentum * velocity) - (learningRate * dw));
    }
}
