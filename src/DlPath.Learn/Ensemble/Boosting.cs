namespace DlPath.Learn.Ensemble;

/// <summary>Helpers shared by the gradient-boosting estimators.</summary>
internal static class Boosting
{
    public static void Validate(string name, int nEstimators, double learningRate, int maxDepth, double subsample)
    {
        Check.AtLeast(name, "NEstimators", nEstimators, 1);
        Check.Positive(name, "LearningRate", learningRate);
        Check.AtLeast(name, "MaxDepth", maxDepth, 1);
        if (!(subsample > 0 && subsample <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(subsample), subsample, $"{name}: Subsample must be in (0, 1]");
        }
    }

    /// <summary>1 for the samples of this stage, 0 for the others (all 1 when subsample is 1).</summary>
    public static double[] SubsampleWeights(int n, double subsample, Random rng)
    {
        var w = new double[n];
        if (subsample >= 1)
        {
            Array.Fill(w, 1.0);
            return w;
        }
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        int take = Math.Max(1, (int)(subsample * n));
        for (int i = 0; i < take; i++)
        {
            w[order[i]] = 1;
        }
        return w;
    }
}
