namespace DlPath.Learn.Cluster;

/// <summary>
/// K-means clustering by Lloyd's algorithm (scikit-learn's <c>KMeans</c>, the course's ex7): assign each example
/// to its closest centroid, move each centroid to the mean of its examples, repeat; the best of
/// <see cref="NInit"/> runs (lowest inertia) is kept. <see cref="ITransformer.Transform"/> gives the distances to the
/// centroids; <see cref="Predict"/> the closest centroid. The course's steps are public statics
/// (<see cref="FindClosestCentroids"/>, <see cref="ComputeCentroids"/>, <see cref="Run"/>).
/// </summary>
public sealed class KMeans : Transformer
{
    /// <summary>Number of clusters K ≥ 1. Default 8.</summary>
    [HyperParameter]
    public int NClusters { get; set; } = 8;

    /// <summary>Initialisation. Default k-means++.</summary>
    [HyperParameter]
    public KMeansInit Init { get; set; } = KMeansInit.KMeansPlusPlus;

    /// <summary>Number of restarts. Default 10.</summary>
    [HyperParameter]
    public int NInit { get; set; } = 10;

    /// <summary>Maximum Lloyd iterations per run. Default 300.</summary>
    [HyperParameter]
    public int MaxIter { get; set; } = 300;

    /// <summary>Stop when the centroids move less than this (squared Frobenius, relative to the mean feature variance as scikit-learn). Default 1e-4.</summary>
    [HyperParameter]
    public double Tol { get; set; } = 1e-4;

    /// <summary>Seed of the random initialisation (null: a fresh seed each Fit).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>The centroids, <c>[K, d]</c>.</summary>
    public double[,] ClusterCenters { get; private set; } = new double[0, 0];

    /// <summary>The training examples' cluster indices.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Sum of squared distances of the examples to their centroid.</summary>
    public double Inertia { get; private set; }

    /// <summary>Iterations the kept run took.</summary>
    public int Iterations { get; private set; }

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[]? y)
    {
        Check.AtLeast(Name, nameof(NClusters), NClusters, 1);
        Check.AtLeast(Name, nameof(NInit), NInit, 1);
        Check.AtLeast(Name, nameof(MaxIter), MaxIter, 1);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (NClusters > n)
        {
            throw new ArgumentException($"{Name}.Fit: NClusters = {NClusters} but X has only {n} samples");
        }
        var rng = RandomState is int seed ? new Random(seed) : new Random();
        var rows = LinAlg.Rows(x);
        // scikit-learn scales the tolerance by the mean per-feature variance so it does not depend on units.
        var means = LinAlg.ColumnMeans(x);
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                variance += (x[i, j] - means[j]) * (x[i, j] - means[j]);
            }
        }
        double tol = Tol * variance / (n * d);
        double best = double.PositiveInfinity;
        for (int run = 0; run < NInit; run++)
        {
            var init = Init == KMeansInit.Random ? RandomInit(rows, NClusters, rng) : PlusPlusInit(rows, NClusters, rng);
            var (centers, labels, inertia, iterations) = Lloyd(rows, init, MaxIter, tol);
            if (inertia < best)
            {
                best = inertia;
                ClusterCenters = LinAlg.FromRows(centers, d);
                Labels = labels;
                Inertia = inertia;
                Iterations = iterations;
            }
        }
    }

    /// <summary>The index of the closest centroid for each row of X.</summary>
    public int[] Predict(double[,] x)
    {
        EnsureFitted("Predict");
        Check.Features($"{Name}.Predict", x, FeatureCount);
        return FindClosestCentroids(x, ClusterCenters);
    }

    /// <summary>Euclidean distance from each row to each centroid, <c>[n, K]</c>.</summary>
    protected override double[,] TransformCore(double[,] x)
    {
        int n = x.GetLength(0), k = ClusterCenters.GetLength(0);
        var rows = LinAlg.Rows(x);
        var c = LinAlg.Rows(ClusterCenters);
        var r = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                r[i, j] = Math.Sqrt(LinAlg.SquaredDistance(rows[i], c[j]));
            }
        }
        return r;
    }

    /// <summary>The course's <c>findClosestCentroids</c>: for each example the index (0-based) of the nearest centroid; ties go to the lower index.</summary>
    public static int[] FindClosestCentroids(double[,] x, double[,] centroids)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(centroids);
        if (x.GetLength(1) != centroids.GetLength(1))
        {
            throw new ArgumentException($"FindClosestCentroids: X has {x.GetLength(1)} features but the centroids have {centroids.GetLength(1)}");
        }
        return Assign(LinAlg.Rows(x), LinAlg.Rows(centroids), out _);
    }

    /// <summary>The course's <c>computeCentroids</c>: the mean of the examples assigned to each of K centroids (a centroid with no examples becomes 0, as the course's code).</summary>
    public static double[,] ComputeCentroids(double[,] x, int[] idx, int k)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(idx);
        if (idx.Length != x.GetLength(0))
        {
            throw new ArgumentException($"ComputeCentroids: X has {x.GetLength(0)} rows but idx has {idx.Length}");
        }
        int d = x.GetLength(1);
        var sum = new double[k, d];
        var count = new int[k];
        for (int i = 0; i < idx.Length; i++)
        {
            if (idx[i] < 0 || idx[i] >= k)
            {
                throw new ArgumentException($"ComputeCentroids: idx[{i}] = {idx[i]} is not a centroid index 0..{k - 1}");
            }
            count[idx[i]]++;
            for (int j = 0; j < d; j++)
            {
                sum[idx[i], j] += x[i, j];
            }
        }
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d && count[c] > 0; j++)
            {
                sum[c, j] /= count[c];
            }
        }
        return sum;
    }

    /// <summary>The course's <c>runkMeans</c>: <paramref name="iterations"/> assignment + update steps from given centroids; returns the final centroids, assignments and the centroid path (one entry per step, starting with the initial centroids).</summary>
    public static (double[,] Centroids, int[] Idx, IReadOnlyList<double[,]> History) Run(double[,] x, double[,] initialCentroids, int iterations)
    {
        ArgumentNullException.ThrowIfNull(initialCentroids);
        var centroids = (double[,])initialCentroids.Clone();
        var history = new List<double[,]> { (double[,])centroids.Clone() };
        int[] idx = FindClosestCentroids(x, centroids);
        for (int it = 0; it < iterations; it++)
        {
            idx = FindClosestCentroids(x, centroids);
            centroids = ComputeCentroids(x, idx, centroids.GetLength(0));
            history.Add((double[,])centroids.Clone());
        }
        return (centroids, idx, history);
    }

    private static int[] Assign(double[][] rows, double[][] centers, out double inertia)
    {
        var labels = new int[rows.Length];
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double best = double.PositiveInfinity;
            for (int c = 0; c < centers.Length; c++)
            {
                double dist = LinAlg.SquaredDistance(rows[i], centers[c]);
                if (dist < best)
                {
                    best = dist;
                    labels[i] = c;
                }
            }
            total += best;
        }
        inertia = total;
        return labels;
    }

    private static (double[][] Centers, int[] Labels, double Inertia, int Iterations) Lloyd(double[][] rows, double[][] centers, int maxIter, double tol)
    {
        int d = rows[0].Length, k = centers.Length;
        int[] labels = [];
        int it = 0;
        while (it < maxIter)
        {
            it++;
            labels = Assign(rows, centers, out _);
            var next = new double[k][];
            var count = new int[k];
            for (int c = 0; c < k; c++)
            {
                next[c] = new double[d];
            }
            for (int i = 0; i < rows.Length; i++)
            {
                count[labels[i]]++;
                for (int j = 0; j < d; j++)
                {
                    next[labels[i]][j] += rows[i][j];
                }
            }
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                if (count[c] == 0)
                {
                    next[c] = (double[])centers[c].Clone();   // an empty cluster keeps its centroid
                    continue;
                }
                for (int j = 0; j < d; j++)
                {
                    next[c][j] /= count[c];
                }
                shift += LinAlg.SquaredDistance(next[c], centers[c]);
            }
            centers = next;
            if (shift <= tol)
            {
                break;
            }
        }
        labels = Assign(rows, centers, out double inertia);
        return (centers, labels, inertia, it);
    }

    private static double[][] RandomInit(double[][] rows, int k, Random rng)
    {
        var order = Enumerable.Range(0, rows.Length).ToArray();
        rng.Shuffle(order);
        return order.Take(k).Select(i => (double[])rows[i].Clone()).ToArray();
    }

    private static double[][] PlusPlusInit(double[][] rows, int k, Random rng)
    {
        int n = rows.Length;
        int trials = 2 + (int)Math.Log(k);
        var centers = new List<double[]> { (double[])rows[rng.Next(n)].Clone() };
        var closest = rows.Select(r => LinAlg.SquaredDistance(r, centers[0])).ToArray();
        while (centers.Count < k)
        {
            double total = closest.Sum();
            int bestCandidate = -1;
            double bestPotential = double.PositiveInfinity;
            double[]? bestClosest = null;
            for (int t = 0; t < trials; t++)
            {
                // Draw an example with probability proportional to its squared distance to the nearest centre.
                double u = rng.NextDouble() * total, acc = 0;
                int candidate = n - 1;
                for (int i = 0; i < n; i++)
                {
                    acc += closest[i];
                    if (acc >= u && closest[i] > 0)
                    {
                        candidate = i;
                        break;
                    }
                }
                var newClosest = new double[n];
                double potential = 0;
                for (int i = 0; i < n; i++)
                {
                    newClosest[i] = Math.Min(closest[i], LinAlg.SquaredDistance(rows[i], rows[candidate]));
                    potential += newClosest[i];
                }
                if (potential < bestPotential)
                {
                    bestPotential = potential;
                    bestCandidate = candidate;
                    bestClosest = newClosest;
                }
            }
            centers.Add((double[])rows[bestCandidate].Clone());
            closest = bestClosest!;
        }
        return [.. centers];
    }
}
