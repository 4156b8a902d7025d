using System.Numerics;

namespace DlPath.Tensors.Kernels;

/// <summary>
/// The shared shape logic of reductions: move the reduced dims to the end, make that contiguous, and reduce
/// each row of <c>inner</c> elements with a span kernel. Output keeps or drops the reduced dims.
/// </summary>
internal static class Reduction
{
    /// <summary>Normalises a dims list (negative, duplicates, empty = all) for an op.</summary>
    public static int[] NormalizeDims(int[]? dims, int rank, string op)
    {
        if (dims is null || dims.Length == 0)
        {
            return Enumerable.Range(0, rank).ToArray();
        }

        var set = new SortedSet<int>();
        foreach (int d in dims)
        {
            if (!set.Add(ShapeUtil.WrapDim(d, rank, op)))
            {
                throw new ShapeException($"{op}: dim {d} appears more than once in ({string.Join(",", dims)})");
            }
        }

        return set.ToArray();
    }

    /// <summary>The output shape of a reduction over <paramref name="dims"/>.</summary>
    public static int[] OutputShape(ReadOnlySpan<int> shape, int[] dims, bool keepDim)
    {
        var result = new List<int>();
        for (int i = 0; i < shape.Length; i++)
        {
            if (Array.IndexOf(dims, i) >= 0)
            {
                if (keepDim) result.Add(1);
            }
            else
            {
                result.Add(shape[i]);
            }
        }

        return result.ToArray();
    }

    /// <summary>
    /// Lays out <paramref name="x"/> as (outer, inner) rows with the reduced dims innermost and returns the
    /// contiguous data, row count and row length.
    /// </summary>
    public static (Tensor Rows, int Outer, int Inner) AsRows(Tensor x, int[] dims)
    {
        var kept = Enumerable.Range(0, x.Rank).Where(d => Array.IndexOf(dims, d) < 0).ToArray();
        var perm = kept.Concat(dims).ToArray();
        int inner = 1;
        foreach (int d in dims) inner *= x.Shape[d];
        int outer = inner == 0 ? ShapeUtil.Numel(kept.Select(d => x.Shape[d]).ToArray()) : x.Numel / inner;
        Tensor rows;
        using (Tensor.NoGrad())
        {
            rows = x.Detach().Permute(perm).Contiguous();
        }

        return (rows, outer, inner);
    }

    /// <summary>Applies <paramref name="rowKernel"/> to each row, producing one value per row.</summary>
    public static Tensor Rowwise<T, TOut>(Tensor x, int[] dims, bool keepDim, Func<ReadOnlySpan<T>, TOut> rowKernel)
    {
        var (rows, outer, inner) = AsRows(x, dims);
        var result = Tensor.Uninitialized<TOut>(OutputShape(x.Shape, dims, keepDim));
        var src = rows.Data<T>().AsSpan(rows.StorageOffset, rows.Numel);
        var dst = result.Data<TOut>();
        for (int r = 0; r < outer; r++) dst[r] = rowKernel(src.Slice(r * inner, inner));
        return result;
    }

    /// <summary>
    /// Sum over dims that form one run [a, b) before the last dim of a contiguous tensor (a bias gradient summed
    /// over the batch, a sum over dim 0): each outer block is a dense (reduced, inner) matrix whose column sums are
    /// added row by row with vector adds, instead of permuting the reduced dims innermost through a strided copy.
    /// Returns null when the layout does not fit; <see cref="Rowwise{T, TOut}"/> then does the work.
    /// </summary>
    public static Tensor? TrySumLeading(Tensor x, int[] dims, bool keepDim)
    {
        if (!x.IsContiguous || dims.Length == 0 || x.Numel == 0) return null;
        int a = dims[0], b = dims[^1] + 1;
        if (b - a != dims.Length || b >= x.Rank) return null;
        int outer = 1, reduced = 1, inner = 1;
        for (int d = 0; d < x.Rank; d++)
        {
            if (d < a) outer *= x.Shape[d];
            else if (d < b) reduced *= x.Shape[d];
            else inner *= x.Shape[d];
        }

        var result = Tensor.Empty(OutputShape(x.Shape, dims, keepDim), x.DType);
        switch (x.DType)
        {
            case DType.Float32: SumBlocks<float>(x, result, outer, reduced, inner); break;
            case DType.Float64: SumBlocks<double>(x, result, outer, reduced, inner); break;
            case DType.Int64: SumBlocks<long>(x, result, outer, reduced, inner); break;
            default: return null;
        }

        return result;
    }

    private static void SumBlocks<T>(Tensor x, Tensor result, int outer, int reduced, int inner)
        where T : unmanaged, INumber<T>
    {
        var src = x.AsSpan<T>();
        var dst = result.AsSpan<T>();
        for (int o = 0; o < outer; o++)
        {
            ReduceKernels.SumColumns<T>(src.Slice(o * reduced * inner, reduced * inner), reduced, inner, dst.Slice(o * inner, inner));
        }
    }

    /// <summary>Sum of a span in a wider accumulator where it matters (pairwise for floats via TensorPrimitives).</summary>
    public static T Sum<T>(ReadOnlySpan<T> s)
        where T : INumber<T> => System.Numerics.Tensors.TensorPrimitives.Sum(s);
}
