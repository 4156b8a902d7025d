namespace DlPath.Learn.Preprocessing;

/// <summary>
/// All monomials of the features up to <see cref="Degree"/> (scikit-learn's <c>PolynomialFeatures</c>), in
/// scikit-learn's order: bias, degree 1, then each degree's combinations with replacement in lexicographic
/// order (for [a, b] and degree 2: 1, a, b, a², ab, b²). <see cref="MapFeature"/> gives the course's ordering.
/// </summary>
public sealed class PolynomialFeatures : Transformer
{
    /// <summary>Highest total degree ≥ 0. Default 2.</summary>
    [HyperParameter]
    public int Degree { get; set; } = 2;

    /// <summary>Include the constant column of ones. Default true.</summary>
    [HyperParameter]
    public bool IncludeBias { get; set; } = true;

    /// <summary>Only products of distinct features (no powers). Default false.</summary>
    [HyperParameter]
    public bool InteractionOnly { get; set; }

    /// <summary>The feature indices multiplied in each output column (empty for the bias).</summary>
    public IReadOnlyList<int[]> Powers { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        Check.AtLeast(Name, nameof(Degree), Degree, 0);
        int d = x.GetLength(1);
        var combos = new List<int[]>();
        if (IncludeBias)
        {
            combos.Add([]);
        }
        for (int deg = 1; deg <= Degree; deg++)
        {
            AddCombinations(combos, new int[deg], 0, 0, d);
        }
        Powers = combos;
    }

    private void AddCombinations(List<int[]> into, int[] current, int position, int start, int d)
    {
        if (position == current.Length)
        {
            into.Add((int[])current.Clone());
            return;
        }
        for (int f = start; f < d; f++)
        {
            current[position] = f;
            AddCombinations(into, current, position + 1, InteractionOnly ? f + 1 : f, d);
        }
    }

    /// <inheritdoc />
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0);
        var r = new double[n, Powers.Count];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < Powers.Count; c++)
            {
                double v = 1;
                foreach (int f in Powers[c])
                {
                    v *= x[i, f];
                }
                r[i, c] = v;
            }
        }
        return r;
    }

    /// <summary>
    /// The course's <c>mapFeature(X1, X2)</c>: 1, x1, x2, x1², x1·x2, x2², …, x2^degree with the terms of degree
    /// i ordered x1^(i−j)·x2^j for j = 0..i (28 columns for degree 6).
    /// </summary>
    public static double[,] MapFeature(double[] x1, double[] x2, int degree = 6)
    {
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        if (x1.Length != x2.Length)
        {
            throw new ArgumentException($"MapFeature: x1 has {x1.Length} values but x2 has {x2.Length}");
        }
        int cols = (degree + 1) * (degree + 2) / 2;
        var r = new double[x1.Length, cols];
        for (int s = 0; s < x1.Length; s++)
        {
            int c = 0;
            for (int i = 0; i <= degree; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    r[s, c++] = Math.Pow(x1[s], i - j) * Math.Pow(x2[s], j);
                }
            }
        }
        return r;
    }
}
