using DlPath.Tensors;

namespace DlPath.Learn;

/// <summary>Conversions between tensors and the <c>double[,]</c> / <c>double[]</c> the estimators work on.</summary>
public static class TensorConvert
{
    /// <summary>A rank-2 tensor (any dtype) as <c>double[rows, columns]</c>; a rank-1 tensor becomes one column.</summary>
    /// <exception cref="ShapeException">The tensor is not rank 1 or 2.</exception>
    public static double[,] ToMatrix(Tensor x, string what = "X")
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 1 && x.Rank != 2)
        {
            throw new ShapeException($"{what}: expected a [n_samples, n_features] tensor, got {x.ShapeString}");
        }
        int n = x.Shape[0], d = x.Rank == 2 ? x.Shape[1] : 1;
        var flat = x.ToArray<double>();
        var r = new double[n, d];
        Buffer.BlockCopy(flat, 0, r, 0, flat.Length * sizeof(double));
        return r;
    }

    /// <summary>A rank-1 tensor (or <c>[n, 1]</c>) as <c>double[n]</c>.</summary>
    /// <exception cref="ShapeException">The tensor is not a vector.</exception>
    public static double[] ToVector(Tensor y, string what = "y")
    {
        ArgumentNullException.ThrowIfNull(y);
        if (!(y.Rank == 1 || (y.Rank == 2 && y.Shape[1] == 1)))
        {
            throw new ShapeException($"{what}: expected a [n_samples] tensor, got {y.ShapeString}");
        }
        return y.ToArray<double>();
    }

    /// <summary>A float64 tensor <c>[rows, columns]</c> copied from a matrix.</summary>
    public static Tensor ToTensor(double[,] x) => Tensor.FromArray(x);

    /// <summary>A float64 tensor <c>[n]</c> copied from a vector.</summary>
    public static Tensor ToTensor(double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Tensor.FromArray((double[])y.Clone(), y.Length);
    }

    /// <summary>Integer labels as doubles (the estimators' label type).</summary>
    public static double[] ToDouble(int[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Array.ConvertAll(y, v => (double)v);
    }
}
