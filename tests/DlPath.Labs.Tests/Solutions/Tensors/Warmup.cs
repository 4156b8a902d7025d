using DlPath.Tensors;

namespace Labs.Tensors;

/// <summary>Reference solution of lab 1 (tests only).</summary>
public static class Warmup
{
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

    public static Tensor PairwiseDistances(Tensor a, Tensor b) =>
        (a.Unsqueeze(1) - b.Unsqueeze(0)).Pow(2).Sum(2).Sqrt();

    public static Tensor Standardize(Tensor x) =>
        (x - x.Mean(0, keepDim: true)) / x.Var(0, unbiased: false, keepDim: true).Sqrt();

    public static Tensor PickCorrect(Tensor scores, Tensor labels) =>
        scores.Gather(1, labels.Unsqueeze(1)).Squeeze(1);
}
