using DlPath.Tensors;

namespace Labs.Tensors;

// A learner's Warmup.cs whose first graded method never returns (the loop counter is never advanced).
public static class Warmup
{
    public static Tensor PairwiseDistancesLoops(Tensor a, Tensor b) => throw new NotImplementedException();

    public static Tensor PairwiseDistances(Tensor a, Tensor b)
    {
        var total = a.Sum();
        for (int i = 0; i < a.Size(0);)
        {
            total = total + b.Sum() * 0;
        }

        return total;
    }

    public static Tensor Standardize(Tensor x) => x;

    public static Tensor PickCorrect(Tensor scores, Tensor labels) => scores;
}
