using DlPath.Tensors;

// Seeded bugs: each namespace holds only the methods it breaks; the rest comes from the reference solution.
namespace Labs.Tensors.Bugs.NoSqrt
{
    public static class Warmup
    {
        public static Tensor PairwiseDistances(Tensor a, Tensor b) => (a.Unsqueeze(1) - b.Unsqueeze(0)).Pow(2).Sum(2);
    }
}

namespace Labs.Tensors.Bugs.WrongAxis
{
    public static class Warmup
    {
        public static Tensor Standardize(Tensor x) =>
            (x - x.Mean(1, keepDim: true)) / x.Var(1, unbiased: false, keepDim: true).Sqrt();
    }
}

namespace Labs.Tensors.Bugs.UnbiasedStd
{
    public static class Warmup
    {
        public static Tensor Standardize(Tensor x) => (x - x.Mean(0, keepDim: true)) / x.Std(0, unbiased: true, keepDim: true);
    }
}
