namespace DlPath.Learn.Neighbors;

/// <summary>Brute-force k-nearest-neighbour search under the Minkowski distance (ties: lower training index first).</summary>
internal static class NeighborSearch
{
    public static (int[] Index, double[] Distance)[] Query(double[][] train, double[][] queries, int k, double p)
    {
        var result = new (int[], double[])[queries.Length];
        var dist = new double[train.Length];
        var order = new int[train.Length];
        for (int q = 0; q < queries.Length; q++)
        {
            for (int i = 0; i < train.Length; i++)
            {
                dist[i] = Minkowski(queries[q], train[i], p);
                order[i] = i;
            }
            // Stable partial selection: sort (distance, index) pairs; k is small, n is modest.
            Array.Sort(order, (a, b) =>
            {
                int c = dist[a].CompareTo(dist[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var idx = order[..k];
            result[q] = (idx, idx.Select(i => dist[i]).ToArray());
        }
        return result;
    }

    public static double Minkowski(double[] a, double[] b, double p)
    {
        if (p == 2)
        {
            return Math.Sqrt(LinAlg.SquaredDistance(a, b));
        }
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double t = Math.Abs(a[j] - b[j]);
            s += p == 1 ? t : Math.Pow(t, p);
        }
        return p == 1 ? s : Math.Pow(s, 1 / p);
    }

    public static double[] Weights(double[] distances, NeighborWeights weights)
    {
        if (weights == NeighborWeights.Uniform)
        {
            return Enumerable.Repeat(1.0, distances.Length).ToArray();
        }
        if (distances.Any(d => d == 0))
        {
            return distances.Select(d => d == 0 ? 1.0 : 0.0).ToArray();   // exact matches decide, as scikit-learn
        }
        return distances.Select(d => 1 / d).ToArray();
    }
}
