namespace DlPath.Learn.Trees;

/// <summary>
/// A fitted binary tree in flat arrays (as scikit-learn's <c>tree_</c>): node t tests
/// <c>x[Feature[t]] ≤ Threshold[t]</c> and goes to <c>Left[t]</c> or <c>Right[t]</c>; leaves have Feature = −1 and
/// hold <c>Value[t]</c> (class probabilities, or a one-element mean for regression).
/// </summary>
public sealed class TreeModel
{
    internal TreeModel(int[] feature, double[] threshold, int[] left, int[] right, double[][] value, int[] samples, double[] impurity)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
        Samples = samples;
        Impurity = impurity;
    }

    /// <summary>Tested feature per node (−1 at leaves).</summary>
    public int[] Feature { get; }

    /// <summary>Threshold per node.</summary>
    public double[] Threshold { get; }

    /// <summary>Left child per node (−1 at leaves).</summary>
    public int[] Left { get; }

    /// <summary>Right child per node (−1 at leaves).</summary>
    public int[] Right { get; }

    /// <summary>Prediction per node.</summary>
    public double[][] Value { get; }

    /// <summary>Training samples reaching each node.</summary>
    public int[] Samples { get; }

    /// <summary>Impurity at each node.</summary>
    public double[] Impurity { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Feature.Length;

    /// <summary>Depth of the deepest leaf (the root alone has depth 0).</summary>
    public int Depth => DepthOf(0);

    private int DepthOf(int node) => Feature[node] < 0 ? 0 : 1 + Math.Max(DepthOf(Left[node]), DepthOf(Right[node]));

    /// <summary>The leaf each row reaches.</summary>
    public int Apply(ReadOnlySpan<double> row)
    {
        int t = 0;
        while (Feature[t] >= 0)
        {
            t = row[Feature[t]] <= Threshold[t] ? Left[t] : Right[t];
        }
        return t;
    }
}
