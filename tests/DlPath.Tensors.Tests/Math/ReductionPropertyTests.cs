using FsCheck;
using FsCheck.Xunit;

namespace DlPath.Tensors.Tests.MathOps;

/// <summary>Properties that tie the reductions and softmax together, on random shapes and values.</summary>
public class ReductionPropertyTests
{
    // A (rows, cols) float64 tensor of values in [-10, 10) from a seed, so every case is reproducible.
    private static Tensor Random(int seed, PositiveInt rows, PositiveInt cols)
    {
        int r = 1 + (rows.Get % 6), c = 1 + (cols.Get % 9);
        var rng = new System.Random(seed);
        var data = new double[r * c];
        for (int i = 0; i < data.Length; i++) data[i] = (rng.NextDouble() * 20) - 10;
        return Tensor.FromArray(data, r, c);
    }

    private static bool Close(Tensor a, Tensor b, double tol = 1e-9) =>
        a.ToArray<double>().Zip(b.ToArray<double>()).All(p => System.Math.Abs(p.First - p.Second) <= tol * (1 + System.Math.Abs(p.Second)));

    [Property(MaxTest = 60)]
    public bool SoftmaxRowsArePositiveAndSumToOne(int seed, PositiveInt rows, PositiveInt cols, bool lastDim)
    {
        var x = Random(seed, rows, cols);
        int dim = lastDim ? 1 : 0;
        var p = x.Softmax(dim);
        return p.Gt(0).All().Item<bool>() && Close(p.Sum(dim), Tensor.OnesLike(x.Sum(dim)))
            && Close(x.LogSoftmax(dim).Exp(), p);
    }

    [Property(MaxTest = 60)]
    public bool MaxAlongADimAgreesWithAmaxArgMaxAndLogSumExpBounds(int seed, PositiveInt rows, PositiveInt cols)
    {
        var x = Random(seed, rows, cols);
        var (values, indices) = x.Max(1);
        var lse = x.LogSumExp(1);
        double n = x.Size(1);
        return Close(values, x.Amax(1))
            && indices.ValuesEqual(x.ArgMax(1))
            && lse.Ge(values).All().Item<bool>()
            && lse.Le(values + System.Math.Log(n) + 1e-12).All().Item<bool>()
            && Close(x.Min(0).Values, -(-x).Max(0).Values);
    }

    [Property(MaxTest = 60)]
    public bool VarStdNormAndCumSumAreConsistent(int seed, PositiveInt rows, PositiveInt cols)
    {
        var x = Random(seed, rows, cols);
        var centered = x - x.Mean(1, keepDim: true);
        return Close(x.Std(1, unbiased: false).Pow(2), x.Var(1, unbiased: false))
            && Close(x.Var(1, unbiased: false), (centered * centered).Mean(1))
            && Close(x.Norm(2, 1), (x * x).Sum(1).Sqrt())
            && Close(x.Norm(), x.Norm(2, [0, 1]))
            && Close(x.CumSum(1).Select(1, -1), x.Sum(1))
            && Close(x.Prod(1), x.Abs().Log().Sum(1).Exp() * x.Sign().Prod(1), 1e-8);
    }
}

/// <summary>Test helpers on tensors.</summary>
internal static class TensorTestExtensions
{
    public static bool ValuesEqual(this Tensor a, Tensor b) => a.ToArray<double>().SequenceEqual(b.ToArray<double>());
}
