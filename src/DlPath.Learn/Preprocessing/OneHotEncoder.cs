using System.Globalization;

namespace DlPath.Learn.Preprocessing;

/// <summary>
/// One indicator column per category of each input column (scikit-learn's <c>OneHotEncoder</c>, dense output);
/// categories are the sorted distinct values seen by <c>Fit</c>. An unseen value is an error, or all zeros with
/// <see cref="IgnoreUnknown"/>.
/// </summary>
public sealed class OneHotEncoder : Transformer
{
    /// <summary>Encode unseen values as all zeros instead of failing. Default false.</summary>
    [HyperParameter]
    public bool IgnoreUnknown { get; set; }

    /// <summary>Drop the first category of each column (avoids collinearity in linear models). Default false.</summary>
    [HyperParameter]
    public bool DropFirst { get; set; }

    /// <summary>The categories of each input column.</summary>
    public IReadOnlyList<double[]> Categories { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var cats = new List<double[]>();
        for (int j = 0; j < d; j++)
        {
            var set = new SortedSet<double>();
            for (int i = 0; i < n; i++)
            {
                set.Add(x[i, j]);
            }
            cats.Add([.. set]);
        }
        Categories = cats;
    }

    /// <summary>Number of output columns.</summary>
    public int OutputCount => Categories.Sum(c => c.Length - (DropFirst ? 1 : 0));

    /// <inheritdoc />
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var r = new double[n, OutputCount];
        int offset = 0;
        for (int j = 0; j < d; j++)
        {
            var cats = Categories[j];
            for (int i = 0; i < n; i++)
            {
                int k = Array.BinarySearch(cats, x[i, j]);
                if (k < 0)
                {
                    if (!IgnoreUnknown)
                    {
                        throw new ArgumentException($"{Name}.Transform: X[{i}, {j}] = {x[i, j].ToString(CultureInfo.InvariantCulture)} is not a category seen in Fit ({string.Join(", ", cats.Select(c => c.ToString(CultureInfo.InvariantCulture)))}); set IgnoreUnknown to encode it as zeros");
                    }
                    continue;
                }
                int col = DropFirst ? k - 1 : k;
                if (col >= 0)
                {
                    r[i, offset + col] = 1;
                }
            }
            offset += cats.Length - (DropFirst ? 1 : 0);
        }
        return r;
    }
}
