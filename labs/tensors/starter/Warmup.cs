using DlPath.Tensors;

namespace Labs.Tensors;

/// <summary>Lab 1: tensor warm-up. Read README.md first; each method names its section.</summary>
public static class Warmup
{
    /// <summary>
    /// Given (do not change): Euclidean distances between the rows of a (N, D) and b (M, D), one element at a time.
    /// </summary>
    public static Tensor PairwiseDistancesLoops(Tensor a, Tensor b)
    {
        int n = a.Size(0), m = b.Size(0), d = a.Size(1);
        var result = Tensor.Zeros([n, m], DType.Float64);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    double diff = a.GetValue<double>(i, k) - b.GetValue<double>(j, k);
                    sum += diff * diff;
                }

                result.SetValue(Math.Sqrt(sum), i, j);
            }
        }

        return result;
    }

    /// <summary>§1 Broadcasting: the same distances with no loop at all. a: (N, D), b: (M, D) -> (N, M).</summary>
    public static Tensor PairwiseDistances(Tensor a, Tensor b)
    {
        throw new NotImplementedException("README §1 Broadcasting: PairwiseDistances");
    }

    /// <summary>§2 Reductions: standardise each column of x (N, D): subtract its mean, divide by its (biased) std.</summary>
    public static Tensor Standardize(Tensor x)
    {
        throw new NotImplementedException("README §2 Reductions: Standardize");
    }

    /// <summary>§3 Indexing: scores (N, C) and labels (N) int64 -> (N) with scores[i, labels[i]].</summary>
    public static Tensor PickCorrect(Tensor scores, Tensor labels)
    {
        throw new NotImplementedException("README §3 Indexing: PickCorrect");
    }
}
