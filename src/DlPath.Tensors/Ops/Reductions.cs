using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Reductions over any set of dims, with keepDim (torch.sum / torch.mean ...).
public sealed partial class Tensor
{
    /// <summary>Sum of all elements, as a 0-d tensor (<c>torch.sum(x)</c>); bool and int64 sum in int64.</summary>
    public Tensor Sum() => Sum(null, false);

    /// <summary>Sum over one dim (<c>x.sum(dim, keepdim)</c>).</summary>
    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], keepDim);

    /// <summary>Sum over the given dims; null or empty means all dims.</summary>
    public Tensor Sum(int[]? dims, bool keepDim = false)
    {
        int[] d = Reduction.NormalizeDims(dims, Rank, "sum");
        var src = DType == DType.Bool ? To(DType.Int64) : this;
        Tensor result = Reduction.TrySumLeading(src, d, keepDim) ?? src.DType switch
        {
            DType.Float32 => Reduction.Rowwise<float, float>(src, d, keepDim, Reduction.Sum),
            DType.Float64 => Reduction.Rowwise<double, double>(src, d, keepDim, Reduction.Sum),
            _ => Reduction.Rowwise<long, long>(src, d, keepDim, Reduction.Sum),
        };
        int[] inShape = ShapeArray();

        // d(sum)/dx = 1 for every element that was summed: broadcast the gradient back.
        return Record(result, "SumBackward", [this], [], g => [(keepDim ? g : Unreduce(g, inShape, d)).Expand(inShape)]);
    }

    /// <summary>Mean of all elements (<c>torch.mean(x)</c>).</summary>
    public Tensor Mean() => Mean(null, false);

    /// <summary>Mean over one dim.</summary>
    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);

    /// <summary>Mean over the given dims; null or empty means all dims. Needs a floating-point tensor, as in torch.</summary>
    public Tensor Mean(int[]? dims, bool keepDim = false)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"mean: needs a floating-point tensor, got {DType.Name()}; convert with Float() first");
        }

        int[] d = Reduction.NormalizeDims(dims, Rank, "mean");
        int count = 1;
        foreach (int i in d) count *= _shape[i];
        return Sum(d, keepDim) / count;
    }

    /// <summary>Puts back size-1 dims that a reduction without keepDim removed, so the result broadcasts over the input.</summary>
    internal static Tensor Unreduce(Tensor g, int[] inputShape, int[] reducedDims)
    {
        var shape = (int[])inputShape.Clone();
        foreach (int d in reducedDims) shape[d] = 1;
        return g.Reshape(shape);
    }
}
