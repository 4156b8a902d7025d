using DlPath.Tensors;

namespace Labs.Tensors;

// A learner's Warmup.cs that recurses without a base case in the second graded method; the first one throws.
public static class Warmup
{
    public static Tensor PairwiseDistancesLoops(Tensor a, Tensor b) => throw new NotImplementedException();

    public static Tensor PairwiseDistances(Tensor a, Tensor b) => throw new InvalidOperationException("I give up");

    public static Tensor Standardize(Tensor x) => Standardize(x * 1.0);

    public static Tensor PickCorrect(Tensor scores, Tensor labels) => scores;
}
