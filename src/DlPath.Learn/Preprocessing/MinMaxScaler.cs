namespace DlPath.Learn.Preprocessing;

/// <summary>Scales each feature linearly to [<see cref="Min"/>, <see cref="Max"/>] (scikit-learn's <c>MinMaxScaler</c>).</summary>
public sealed class MinMaxScaler : Transformer
{
    /// <summary>Lower end of the target range. Default 0.</summary>
    [HyperParameter]
    public double Min { get; set; }

    /// <summary>Upper end of the target range. Default 1.</summary>
    [HyperParameter]
    public double Max { get; set; } = 1;

    /// <summary>Per-feature minimum seen in training (<c>data_min_</c>).</summary>
    public double[] DataMin { get; private set; } = [];

    /// <summary>Per-feature maximum seen in training (<c>data_max_</c>).</summary>
    public double[] DataMax { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        if (!(Max > Min))
        {
            throw new ArgumentException($"{Name}: the range must have Min < Max, got ({Min}, {Max})");
        }
        int n = x.GetLength(0), d = x.GetLength(1);
        DataMin = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
        DataMax = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                DataMin[j] = Math.Min(DataMin[j], x[i, j]);
                DataMax[j] = Math.Max(DataMax[j], x[i, j]);
            }
        }
    }

    /// <inheritdoc />
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, d];
        for (int j = 0; j < d; j++)
        {
            double range = DataMax[j] - DataMin[j];
            double scale = (Max - Min) / (range == 0 ? 1 : range);   // a constant feature maps to Min
            for (int i = 0; i < n; i++)
            {
                r[i, j] = Min + (x[i, j] - DataMin[j]) * scale;
            }
        }
        return r;
    }
}
