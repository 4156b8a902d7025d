using DlPath.Tensors;

namespace Labs.LinearClassifiers.Bugs.CountsCorrectClass
{
    // Seeded bug: the correct class's margin (always 1) is counted.
    public static class LinearClassifiers
    {
        public static (double Loss, Tensor DW) SvmLossNaive(Tensor w, Tensor x, Tensor y, double reg) =>
            Labs.LinearClassifiers.LinearClassifiers.SvmNaiveCore(w, x, y, reg, skipCorrect: false);
    }
}

namespace Labs.LinearClassifiers.Bugs.NoDivideByN
{
    // Seeded bug: the vectorised softmax loss and gradient are sums, not averages.
    public static class LinearClassifiers
    {
        public static (double Loss, Tensor DW) SoftmaxLossVectorized(Tensor w, Tensor x, Tensor y, double reg) =>
            Labs.LinearClassifiers.LinearClassifiers.SoftmaxVectorizedCore(w, x, y, reg, 1.0);
    }
}

namespace Labs.LinearClassifiers.Bugs.NoMinusOne
{
    // Seeded bug: the softmax gradient forgets the -1 at the correct class.
    public static class LinearClassifiers
    {
        public static (double Loss, Tensor DW) SoftmaxLossNaive(Tensor w, Tensor x, Tensor y, double reg) =>
            Labs.LinearClassifiers.LinearClassifiers.SoftmaxNaiveCore(w, x, y, reg, subtractOne: false);
    }
}

namespace Labs.LinearClassifiers.Bugs.RegGradient
{
    // Seeded bug: d(reg * sum W^2)/dW written as reg * W.
    public static class LinearClassifiers
    {
        public static (double Loss, Tensor DW) SvmLossVectorized(Tensor w, Tensor x, Tensor y, double reg)
        {
            var (loss, dw) = Labs.LinearClassifiers.LinearClassifiers.SvmLossVectorized(w, x, y, reg);
            return (loss, dw - (reg * w));
        }
    }
}
