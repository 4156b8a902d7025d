using DlPath.Tensors;

namespace Labs.Dropout.Bugs.NoInvertedScale
{
    // Seeded bug: survivors not scaled by 1 / (1 - p) (and the backward consistent with that forward).
    public static class Dropout
    {
        public static (Tensor Out, Tensor? Mask) Forward(Tensor x, double p, bool train, Generator generator)
        {
            if (!train) return (x, null);
            var mask = Tensor.RandLike(x, generator).Ge(p).To(x.DType);
            return (x * mask, mask);
        }

        public static Tensor Backward(Tensor dout, Tensor mask, double p) => dout * mask;
    }
}

namespace Labs.Dropout.Bugs.KeepProbability
{
    // Seeded bug: p used as the keep probability.
    public static class Dropout
    {
        public static (Tensor Out, Tensor? Mask) Forward(Tensor x, double p, bool train, Generator generator)
        {
            if (!train) return (x, null);
            var mask = Tensor.RandLike(x, generator).Lt(p).To(x.DType);
            return (x * mask / (1 - p), mask);
        }
    }
}

namespace Labs.Dropout.Bugs.EvalScaled
{
    // Seeded bug: evaluation multiplies by 1 - p (mixing the original and the inverted scheme).
    public static class Dropout
    {
        public static (Tensor Out, Tensor? Mask) Forward(Tensor x, double p, bool train, Generator generator) =>
            train ? Labs.Dropout.Dropout.Forward(x, p, train, generator) : (x * (1 - p), null);
    }
}
