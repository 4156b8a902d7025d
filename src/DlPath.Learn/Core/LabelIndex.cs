namespace DlPath.Learn;

/// <summary>Maps labels to indices into their sorted distinct values (scikit-learn's <c>LabelEncoder</c>).</summary>
public static class LabelIndex
{
    /// <summary>The sorted distinct labels and each label's index among them.</summary>
    public static (double[] Classes, int[] Index) Encode(double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var classes = y.Distinct().Order().ToArray();
        var lookup = new Dictionary<double, int>(classes.Length);
        for (int i = 0; i < classes.Length; i++)
        {
            lookup[classes[i]] = i;
        }
        var index = new int[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            index[i] = lookup[y[i]];
        }
        return (classes, index);
    }
}
