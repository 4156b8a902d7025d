namespace DlPath.Tensors.Tests.Indexing;

/// <summary>Centered-difference gradient checks (float64, tolerance 1e-6) for every differentiable op of this family.</summary>
public class IndexGradCheckTests
{
    private static readonly Tensor Idx2 = Tensor.FromArray(new long[] { 0, 2, 1, 1, 0, 2 }, 2, 3);

    public static TheoryData<string> Ops => new()
    {
        "cat", "stack", "split", "chunk", "gather", "scatter", "scatter_value", "scatter_add", "index_select", "index_add",
        "masked_fill", "pad_constant", "pad_crop", "pad_reflect", "pad_replicate", "pad_circular", "sort", "sort_desc",
        "topk", "topk_unsorted", "unfold", "unfold_strided", "fold", "index_basic", "index_advanced", "index_mask",
        "index_mixed", "index_newaxis",
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void GradientMatchesFiniteDifferences(string op)
    {
        var (f, inputs) = Case(op);
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, $"{op}: {result}");
    }

    // Inputs are distinct, non-symmetric values (no ties for sort/topk, no kinks anywhere).
    private static Tensor X(params int[] shape)
    {
        int n = ShapeUtil.Numel(shape);
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = Math.Sin((i * 1.7) + 0.3) + (i * 0.01);
        return Tensor.FromArray(data, shape);
    }

    /// <summary>x &gt; t as a bool mask, built here so these tests do not depend on the comparison ops.</summary>
    internal static Tensor Greater(Tensor x, double t) =>
        Tensor.FromArray(x.ToArray<double>().Select(v => v > t).ToArray(), x.ShapeArray());

    private static (Func<Tensor[], Tensor> F, Tensor[] Inputs) Case(string op) => op switch
    {
        "cat" => (x => Tensor.Cat([x[0], x[1] * x[1]], 1), [X(2, 3), X(2, 2)]),
        "stack" => (x => Tensor.Stack([x[0], x[1].Transpose(0, 1)], 2), [X(2, 3), X(3, 2)]),
        "split" => (x => x[0].Split([1, 2], 1)[1] * x[0].Split(2, 0)[0].Narrow(1, 0, 2), [X(2, 3)]),
        "chunk" => (x => x[0].Chunk(2, 0)[1] * 3.0, [X(5, 2)]),
        "gather" => (x => x[0].Gather(1, Idx2), [X(2, 3)]),
        "scatter" => (x => x[0].Scatter(1, Tensor.FromArray(new long[] { 2, 0, 1, 2 }, 2, 2), x[1]), [X(2, 3), X(2, 2)]),
        "scatter_value" => (x => x[0].Scatter(0, Tensor.FromArray(new long[] { 1, 0 }, 1, 2), -2.0) * x[0], [X(2, 3)]),
        "scatter_add" => (x => x[0].ScatterAdd(1, Idx2, x[1]), [X(2, 3), X(2, 3)]),
        "index_select" => (x => x[0].IndexSelect(1, Tensor.FromArray(new long[] { 2, 0, 2 })), [X(2, 3, 2)]),
        "index_add" => (x => x[0].IndexAdd(0, Tensor.FromArray(new long[] { 1, 1 }), x[1]), [X(3, 2), X(2, 2)]),
        "masked_fill" => (x => x[0].MaskedFill(Greater(x[0], 0.2), 4.0) * x[0], [X(3, 4)]),
        "pad_constant" => (x => x[0].Pad([1, 2, 0, 1], PadMode.Constant, 0.5), [X(2, 3)]),
        "pad_crop" => (x => x[0].Pad([-1, 1, 1, -1]), [X(3, 3)]),
        "pad_reflect" => (x => x[0].Pad([2, 1, 1, 1], PadMode.Reflect), [X(1, 3, 4)]),
        "pad_replicate" => (x => x[0].Pad([2, 1], PadMode.Replicate), [X(2, 3)]),
        "pad_circular" => (x => x[0].Pad([1, 2], PadMode.Circular), [X(2, 3)]),
        "sort" => (x => x[0].Sort(1).Values, [X(3, 4)]),
        "sort_desc" => (x => x[0].Sort(0, descending: true).Values, [X(3, 4)]),
        "topk" => (x => x[0].TopK(2, -1).Values, [X(3, 5)]),
        "topk_unsorted" => (x => x[0].TopK(3, 0, largest: false, sorted: false).Values, [X(4, 2)]),
        "unfold" => (x => x[0].Unfold(3, padding: 1), [X(1, 2, 4, 5)]),
        "unfold_strided" => (x => x[0].Unfold([2, 3], [1, 2], [1, 1], [2, 1]), [X(2, 1, 5, 6)]),
        "fold" => (x => x[0].Fold([3, 4], [2], stride: [1]), [X(1, 8, 6)]),
        "index_basic" => (x => x[0][1.., TensorIndex.Slice(null, null, 2), -1], [X(3, 4, 2)]),
        "index_advanced" => (x => x[0][new long[] { 2, 0, 2 }, .., new long[] { 1, 1, 0 }], [X(3, 4, 2)]),
        "index_mask" => (x => x[0][Greater(x[0], 0)], [X(3, 4)]),
        "index_mixed" => (x => x[0][.., Tensor.FromArray(new long[] { 0, 3, 0, 1 }, 2, 2), 1], [X(2, 4, 3)]),
        "index_newaxis" => (x => x[0][TensorIndex.NewAxis, TensorIndex.Ellipsis, 1] * x[0][0, 0], [X(2, 3)]),
        _ => throw new ArgumentException(op),
    };
}
