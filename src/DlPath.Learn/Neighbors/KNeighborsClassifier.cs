namespace DlPath.Learn.Neighbors;

/// <summary>k-nearest-neighbour classification by (weighted) majority vote (scikit-learn's <c>KNeighborsClassifier</c>, brute force).</summary>
public sealed class KNeighborsClassifier : Classifier
{
    /// <summary>Number of neighbours k ≥ 1. Default 5.</summary>
    [HyperParameter]
    public int NNeighbors { get; set; } = 5;

    /// <summary>Uniform or distance weights. Default uniform.</summary>
    [HyperParameter]
    public NeighborWeights Weights { get; set; } = NeighborWeights.Uniform;

    /// <summary>Minkowski power p ≥ 1 (2: Euclidean, 1: Manhattan). Default 2.</summary>
    [HyperParameter]
    public double P { get; set; } = 2;

    /// <inheritdoc />
    protected override int MinClasses => 1;

    private double[][] _train = [];
    private int[] _labels = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Check.AtLeast(Name, nameof(NNeighbors), NNeighbors, 1);
        if (!(P >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(P), P, $"{Name}: P must be >= 1");
        }
        if (NNeighbors > x.GetLength(0))
        {
            throw new ArgumentException($"{Name}.Fit: NNeighbors = {NNeighbors} but there are only {x.GetLength(0)} training samples");
        }
        _train = LinAlg.Rows(x);
        _labels = y;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x)
    {
        var found = NeighborSearch.Query(_train, LinAlg.Rows(x), NNeighbors, P);
        var p = new double[found.Length, Classes.Length];
        for (int i = 0; i < found.Length; i++)
        {
            var w = NeighborSearch.Weights(found[i].Distance, Weights);
            double total = 0;
            for (int k = 0; k < w.Length; k++)
            {
                p[i, _labels[found[i].Index[k]]] += w[k];
                total += w[k];
            }
            for (int c = 0; c < Classes.Length; c++)
            {
                p[i, c] /= total;
            }
        }
        return p;
    }
}
