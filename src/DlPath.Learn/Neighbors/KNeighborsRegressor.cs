namespace DlPath.Learn.Neighbors;

/// <summary>k-nearest-neighbour regression: the (weighted) mean target of the k nearest training samples.</summary>
public sealed class KNeighborsRegressor : Regressor
{
    /// <summary>Number of neighbours k ≥ 1. Default 5.</summary>
    [HyperParameter]
    public int NNeighbors { get; set; } = 5;

    /// <summary>Uniform or distance weights. Default uniform.</summary>
    [HyperParameter]
    public NeighborWeights Weights { get; set; } = NeighborWeights.Uniform;

    /// <summary>Minkowski power p ≥ 1. Default 2.</summary>
    [HyperParameter]
    public double P { get; set; } = 2;

    private double[][] _train = [];
    private double[] _y = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, double[] y)
    {
        Check.AtLeast(Name, nameof(NNeighbors), NNeighbors, 1);
        if (NNeighbors > x.GetLength(0))
        {
            throw new ArgumentException($"{Name}.Fit: NNeighbors = {NNeighbors} but there are only {x.GetLength(0)} training samples");
        }
        _train = LinAlg.Rows(x);
        _y = (double[])y.Clone();
    }

    /// <inheritdoc />
    protected override double[] PredictCore(double[,] x)
    {
        var found = NeighborSearch.Query(_train, LinAlg.Rows(x), NNeighbors, P);
        var r = new double[found.Length];
        for (int i = 0; i < found.Length; i++)
        {
            var w = NeighborSearch.Weights(found[i].Distance, Weights);
            double s = 0, total = 0;
            for (int k = 0; k < w.Length; k++)
            {
                s += w[k] * _y[found[i].Index[k]];
                total += w[k];
            }
            r[i] = s / total;
        }
        return r;
    }
}
