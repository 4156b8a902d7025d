namespace DlPath.Learn.Trees;

/// <summary>Shared validation and growth for the tree estimators.</summary>
internal static class TreeFitting
{
    public static (TreeModel Tree, double[] Importance) Fit(Estimator owner, SplitCriterion criterion, int? maxDepth, int minSamplesSplit, int minSamplesLeaf, MaxFeatures maxFeatures, Random random,
        double[][] columns, int[][] presorted, double[] y, double[] weight, int classCount)
    {
        string name = owner.GetType().Name;
        if (maxDepth is int md)
        {
            Check.AtLeast(name, "MaxDepth", md, 1);
        }
        Check.AtLeast(name, "MinSamplesSplit", minSamplesSplit, 2);
        Check.AtLeast(name, "MinSamplesLeaf", minSamplesLeaf, 1);
        int d = columns.Length;
        int perSplit = maxFeatures switch
        {
            MaxFeatures.Sqrt => Math.Max(1, (int)Math.Sqrt(d)),
            MaxFeatures.Log2 => Math.Max(1, (int)Math.Log2(d)),
            _ => d,
        };
        var builder = new TreeBuilder
        {
            Criterion = criterion,
            MaxDepth = maxDepth,
            MinSamplesSplit = minSamplesSplit,
            MinSamplesLeaf = minSamplesLeaf,
            MinImpurityDecrease = 0,
            FeaturesPerSplit = perSplit,
            Random = random,
        };
        var tree = builder.Build(columns, presorted, y, weight, classCount);
        double total = builder.Importance.Sum();
        var importance = builder.Importance.Select(v => total > 0 ? v / total : 0).ToArray();
        return (tree, importance);
    }
}
