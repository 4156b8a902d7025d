namespace DlPath.Learn.Preprocessing;

/// <summary>Replaces missing values (NaN) column by column (scikit-learn's <c>SimpleImputer</c>).</summary>
public sealed class SimpleImputer : Transformer
{
    /// <summary>Mean (default), median, most frequent or constant.</summary>
    [HyperParameter]
    public ImputeStrategy Strategy { get; set; } = ImputeStrategy.Mean;

    /// <summary>Value used by <see cref="ImputeStrategy.Constant"/>. Default 0.</summary>
    [HyperParameter]
    public double FillValue { get; set; }

    /// <summary>The value each column's gaps are filled with (scikit-learn's <c>statistics_</c>).</summary>
    public double[] Statistics { get; private set; } = [];

    /// <summary>NaN marks a missing value; infinities are still errors.</summary>
    protected override void CheckInput(string op, double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(0) == 0 || x.GetLength(1) == 0)
        {
            throw new ArgumentException($"{op}: X is empty ({x.GetLength(0)} x {x.GetLength(1)})");
        }
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                if (double.IsInfinity(x[i, j]))
                {
                    throw new ArgumentException($"{op}: X[{i}, {j}] is infinite; only NaN marks a missing value");
                }
            }
        }
    }

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        Statistics = new double[d];
        for (int j = 0; j < d; j++)
        {
            var present = new List<double>();
            for (int i = 0; i < n; i++)
            {
                if (!double.IsNaN(x[i, j]))
                {
                    present.Add(x[i, j]);
                }
            }
            if (present.Count == 0 && Strategy != ImputeStrategy.Constant)
            {
                throw new ArgumentException($"{Name}.Fit: column {j} has no values at all; drop it or use the Constant strategy");
            }
            Statistics[j] = Strategy switch
            {
                ImputeStrategy.Mean => present.Average(),
                ImputeStrategy.Median => Median(present),
                ImputeStrategy.MostFrequent => present.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key,
                _ => FillValue,
            };
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int m = values.Count;
        return m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2;
    }

    /// <inheritdoc />
    protected override double[,] TransformCore(double[,] x)
    {
        var r = (double[,])x.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
        {
            for (int j = 0; j < r.GetLength(1); j++)
            {
                if (double.IsNaN(r[i, j]))
                {
                    r[i, j] = Statistics[j];
                }
            }
        }
        return r;
    }
}
