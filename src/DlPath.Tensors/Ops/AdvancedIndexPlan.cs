namespace DlPath.Tensors;

/// <summary>
/// The layout arithmetic of advanced indexing (PyTorch/NumPy rules): the index tensors broadcast to one shape
/// B; the indexed dims are moved to the front so every result row b reads v[idx0[b], idx1[b], ..., :];
/// and B goes where the indexed dims were when they were adjacent, or first otherwise.
/// </summary>
internal sealed class AdvancedIndexPlan
{
    private readonly long[][] _indices;
    private readonly int _first;
    private readonly bool _adjacent;

    private AdvancedIndexPlan(Tensor permuted, long[][] indices, int[] indexShape, int first, bool adjacent)
    {
        Permuted = permuted;
        _indices = indices;
        IndexShape = indexShape;
        _first = first;
        _adjacent = adjacent;
    }

    /// <summary>The indexed tensor with its indexed dims first, in index order (a view).</summary>
    public Tensor Permuted { get; }

    /// <summary>The broadcast shape B of the index tensors.</summary>
    public int[] IndexShape { get; }

    /// <summary>How many dims the index tensors address.</summary>
    public int IndexCount => _indices.Length;

    public static AdvancedIndexPlan Create(Tensor view, List<(int Dim, Tensor Index)> advanced)
    {
        int[] b = advanced[0].Index.ShapeArray();
        foreach (var (_, t) in advanced) b = ShapeUtil.Broadcast(b, t.Shape, "index");
        var dims = advanced.Select(a => a.Dim).ToArray();
        bool adjacent = true;
        for (int i = 1; i < dims.Length; i++) adjacent &= dims[i] == dims[i - 1] + 1;
        var perm = dims.Concat(Enumerable.Range(0, view.Rank).Where(d => Array.IndexOf(dims, d) < 0)).ToArray();
        var permuted = view.Permute(perm);
        var indices = new long[advanced.Count][];
        for (int j = 0; j < advanced.Count; j++)
        {
            var values = advanced[j].Index.Expand(b).ToArray<long>();
            int size = view.Shape[dims[j]];
            for (int i = 0; i < values.Length; i++)
            {
                long v = values[i];
                if (v < -size || v >= size)
                {
                    throw new IndexOutOfRangeException($"index: index {v} is out of bounds for dim {dims[j]} with size {size} of a {view.ShapeString} tensor");
                }

                if (v < 0) values[i] = v + size;
            }

            indices[j] = values;
        }

        return new AdvancedIndexPlan(permuted, indices, b, dims[0], adjacent);
    }

    /// <summary>The storage offset of row b's first element, for a tensor of these strides (indexed dims first).</summary>
    public int[] Bases(int[] strides, int offset)
    {
        int n = ShapeUtil.Numel(IndexShape);
        var bases = new int[n];
        for (int b = 0; b < n; b++)
        {
            long off = offset;
            for (int j = 0; j < _indices.Length; j++) off += _indices[j][b] * strides[j];
            bases[b] = (int)off;
        }

        return bases;
    }

    /// <summary>The shape a read gives: B in place of the indexed dims if they were adjacent, else in front.</summary>
    public int[] ResultShape(Tensor permuted)
    {
        var rest = permuted.ShapeArray()[IndexCount..];
        return MovesB ? rest[.._first].Concat(IndexShape).Concat(rest[_first..]).ToArray() : IndexShape.Concat(rest).ToArray();
    }

    /// <summary>From (B..., rest...) to the result layout.</summary>
    public Tensor ToResultOrder(Tensor t) => MovesB ? t.Permute(ResultPermutation(t.Rank)) : t;

    /// <summary>From the result layout back to (B..., rest...).</summary>
    public Tensor ToIndexOrder(Tensor t)
    {
        if (!MovesB) return t;
        var perm = ResultPermutation(t.Rank);
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return t.Permute(inverse);
    }

    private bool MovesB => _adjacent && _first > 0;

    private int[] ResultPermutation(int rank)
    {
        // Result dim order, in terms of (B..., rest...) positions: rest[0.._first), B, rest[_first..).
        int nb = IndexShape.Length;
        var perm = new List<int>();
        for (int i = 0; i < _first; i++) perm.Add(nb + i);
        for (int i = 0; i < nb; i++) perm.Add(i);
        for (int i = nb + _first; i < rank; i++) perm.Add(i);
        return perm.ToArray();
    }
}
