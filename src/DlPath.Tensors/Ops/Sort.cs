using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Sorting along a dim: Sort and TopK return values and their int64 source indices.
public sealed partial class Tensor
{
    /// <summary>
    /// Sorts along a dim (<c>torch.sort(x, dim, descending, stable=True)</c>,
    /// https://pytorch.org/docs/stable/generated/torch.sort.html). The sort is always stable: equal values keep
    /// their order, in both directions. NaN sorts as the largest value, as in torch. Returns the sorted values
    /// and, as int64, the position each came from.
    /// </summary>
    public (Tensor Values, Tensor Indices) Sort(int dim = -1, bool descending = false)
    {
        if (DType == DType.Bool) throw new InvalidOperationException("sort: not defined for bool tensors; convert with Long() first");
        int d = Rank == 0 ? 0 : ShapeUtil.WrapDim(dim, Rank, "sort");
        int k = Rank == 0 ? 1 : _shape[d];
        return SortCore(d, k, descending, "SortBackward");
    }

    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) entries along a dim (<c>torch.topk</c>,
    /// https://pytorch.org/docs/stable/generated/torch.topk.html) with their int64 indices. With
    /// <paramref name="sorted"/> they come largest first (smallest first when not <paramref name="largest"/>);
    /// otherwise in the order they have in the input. Ties go to the lower index.
    /// </summary>
    public (Tensor Values, Tensor Indices) TopK(int k, int dim = -1, bool largest = true, bool sorted = true)
    {
        if (DType == DType.Bool) throw new InvalidOperationException("topk: not defined for bool tensors; convert with Long() first");
        int d = Rank == 0 ? 0 : ShapeUtil.WrapDim(dim, Rank, "topk");
        int size = Rank == 0 ? 1 : _shape[d];
        if (k < 0 || k > size)
        {
            throw new ArgumentException($"topk: k ({k}) is out of range for dim {d} of size {size} in {ShapeString}");
        }

        if (sorted) return SortCore(d, k, largest, "TopkBackward");

        // Unsorted: take the top k, then put them back in input order.
        var (_, idx) = Detach().SortCore(d, k, largest, "TopkBackward");
        var (ordered, _) = idx.Sort(d);
        return (Gather(d, ordered), ordered);
    }

    /// <summary>Sorts each row along dim d and keeps the first k entries of every row.</summary>
    private (Tensor Values, Tensor Indices) SortCore(int d, int k, bool descending, string name)
    {
        var x = Rank == 0 ? Reshape(1) : this;
        var dims = new[] { d };
        var (rows, outer, inner) = Reduction.AsRows(x.Detach(), dims);

        // rows: (outer, inner) with the sorted dim last; the output rows are (outer, k).
        var indices = new long[outer * k];
        var order = new int[inner];
        Comparison<int> cmp = rows.DType switch
        {
            DType.Float32 => SortComparison(rows.Data<float>(), rows.StorageOffset, descending),
            DType.Float64 => SortComparison(rows.Data<double>(), rows.StorageOffset, descending),
            _ => SortComparison(rows.Data<long>(), rows.StorageOffset, descending),
        };
        for (int r = 0; r < outer; r++)
        {
            int start = r * inner;
            for (int i = 0; i < inner; i++) order[i] = start + i;
            Array.Sort(order, cmp);
            for (int i = 0; i < k; i++) indices[(r * k) + i] = order[i] - start;
        }

        // Back from (kept dims..., k) to the input's dim order.
        var keptShape = Enumerable.Range(0, x.Rank).Where(i => i != d).Select(i => x._shape[i]).Append(k).ToArray();
        var perm = new int[x.Rank];
        for (int i = 0, j = 0; i < x.Rank; i++) perm[i] = i == d ? x.Rank - 1 : j++;
        var idxTensor = FromArray(indices, keptShape).Permute(perm).Contiguous();
        if (Rank == 0) idxTensor = idxTensor.Reshape();
        Tensor values;
        using (NoGrad())
        {
            values = x.Gather(d, Rank == 0 ? idxTensor.Reshape(1) : idxTensor);
            if (Rank == 0) values = values.Reshape();
        }

        int[] inShape = ShapeArray();
        DType dtype = DType;
        var idxForGrad = Rank == 0 ? idxTensor.Reshape(1) : idxTensor;

        // Each output value is one input element: send its gradient back to the position it came from.
        var result = Record(values, name, [this], [idxTensor], g =>
        {
            var g1 = inShape.Length == 0 ? g.Reshape(1) : g;
            var full = Zeros(inShape.Length == 0 ? [1] : inShape, dtype).Scatter(d, idxForGrad, g1);
            return [inShape.Length == 0 ? full.Reshape() : full];
        });
        return (result, idxTensor);
    }

    private static Comparison<int> SortComparison<T>(T[] data, int offset, bool descending)
        where T : System.Numerics.INumber<T>
    {
        // Compare values (NaN largest), break ties by position so Array.Sort (unstable) gives a stable order.
        return (a, b) =>
        {
            T va = data[offset + a], vb = data[offset + b];
            bool na = T.IsNaN(va), nb = T.IsNaN(vb);
            int c = na || nb ? na.CompareTo(nb) : va.CompareTo(vb);
            if (descending) c = -c;
            return c != 0 ? c : a.CompareTo(b);
        };
    }
}
