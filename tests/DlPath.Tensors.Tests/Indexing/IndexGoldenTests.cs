using DlPath.Tensors.Tests.Golden;

namespace DlPath.Tensors.Tests.Indexing;

/// <summary>
/// Indexing, joining, gather/scatter, pad, sort and unfold against PyTorch
/// (tests/golden/make_golden_index.py): forward values and input gradients.
/// </summary>
public class IndexGoldenTests
{
    private const string File = "index.json";

    // The file is parsed once for all cases (it holds ~100 of them).
    private static readonly Lazy<Dictionary<string, GoldenCase>> Loaded = new(() => GoldenFile.Load(File).ToDictionary(c => c.Name));

    public static TheoryData<string> Cases => GoldenFile.CaseNames(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = Loaded.Value[name];
        bool withGrad = c.GradOutput is not null;
        var inputs = c.Inputs.Select(t => withGrad && t.DType.IsFloatingPoint() ? t.Clone().RequireGrad() : t).ToArray();
        Tensor output = Apply(c.Op, inputs);
        double tol = c.Inputs[0].DType == DType.Float32 ? 1e-6 : 1e-12;
        TensorAssert.Close(c.Output!, output, tol, tol, $"{name} output");
        if (!withGrad) return;
        output.Backward(c.GradOutput!);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (c.Grads[i] is { } expected) TensorAssert.Close(expected, inputs[i].Grad!, tol, tol, $"{name} grad of input {i}");
        }
    }

    // Each op name mirrors one expression of the generator.
    private static Tensor Apply(string op, Tensor[] x) => op switch
    {
        "cat_dim1" => Tensor.Cat([x[0], x[1]], 1),
        "cat_dim0_three" => Tensor.Cat(x[0], x[1], x[2]),
        "stack_dim1" => Tensor.Stack([x[0], x[1]], 1),
        "split_sizes" => WeightedCat(x[0].Split([1, 3, 2], 1), 1),
        "split_size2" => WeightedCat(x[0].Split(2, 0), 0),
        "chunk3" => WeightedCat(x[0].Chunk(3, -1), -1),
        "gather_dim1" => x[0].Gather(1, x[1]),
        "gather_dim0" => x[0].Gather(0, x[1]),
        "scatter_dim1" => x[0].Scatter(1, x[1], x[2]),
        "scatter_value" => x[0].Scatter(0, x[1], 7.5),
        "scatter_add_dim0" => x[0].ScatterAdd(0, x[1], x[2]),
        "index_select_dim0" => x[0].IndexSelect(0, x[1]),
        "index_select_dim1" => x[0].IndexSelect(1, x[1]),
        "index_add_dim1" => x[0].IndexAdd(1, x[1], x[2]),
        "masked_fill_bcast" => x[0].MaskedFill(x[1], -1.5),
        "pad_const_last" => x[0].Pad([1, 2], PadMode.Constant, 0.5),
        "pad_const_4d" => x[0].Pad([1, 1, 2, 0]),
        "pad_const_crop" => x[0].Pad([-1, 2, 1, -1]),
        "pad_reflect" => x[0].Pad([2, 1], PadMode.Reflect),
        "pad_reflect_2d" => x[0].Pad([2, 1, 1, 2], PadMode.Reflect),
        "pad_replicate" => x[0].Pad([1, 2, 2, 1], PadMode.Replicate),
        "pad_circular" => x[0].Pad([2, 1], PadMode.Circular),
        "sort_values" => x[0].Sort(-1).Values,
        "sort_desc_dim0" => x[0].Sort(0, descending: true).Values,
        "sort_indices" => x[0].Sort(1).Indices,
        "sort_stable_ties_int" => x[0].Sort(0).Indices,
        "sort_stable_ties_desc_int" => x[0].Sort(0, descending: true).Indices,
        "topk2" => x[0].TopK(2, -1).Values,
        "topk2_smallest_dim0" => x[0].TopK(2, 0, largest: false).Values,
        "topk_indices" => x[0].TopK(3, 1).Indices,
        "unfold_k3_p1" => x[0].Unfold(3, padding: 1),
        "unfold_general" => x[0].Unfold([2, 3], dilation: [2, 1], padding: [1, 0], stride: [2, 2]),
        "fold_k2_s1" => x[0].Fold([4, 5], [2]),
        "one_hot_auto" => x[0].OneHot(),
        "one_hot_n6" => x[0].OneHot(6),
        "index_int" => x[0][1],
        "index_slices" => x[0][1..^1, TensorIndex.Slice(step: 2)],
        "index_ellipsis_newaxis" => x[0][TensorIndex.Ellipsis, TensorIndex.NewAxis, 2],
        "index_neg_step" => x[0][-1, TensorIndex.Colon, TensorIndex.Slice(1, 5, 2)],
        "index_list_repeat" => x[0][x[1]],
        "index_list_dim1" => x[0][TensorIndex.Colon, x[1]],
        "index_two_lists" => x[0][x[1], x[2]],
        "index_adjacent_lists" => x[0][.., x[1], x[2]],
        "index_separated_lists" => x[0][x[1], .., x[2]],
        "index_2d_index" => x[0][x[1]],
        "index_broadcast_lists" => x[0][x[1], 1..3, x[2]],
        "index_int_and_list" => x[0][1, .., x[1]],
        "index_mask2d" or "index_mask_full" => x[0][x[1]],
        "index_mask_dim1" => x[0][.., x[1]],
        "setitem_slice_bcast" => SetItem(x[0], [1, TensorIndex.Colon, TensorIndex.Slice(1, 5, 2)], x[1]),
        "setitem_adjacent" => SetItem(x[0], [TensorIndex.Colon, x[1], x[2]], x[3]),
        "setitem_separated" => SetItem(x[0], [x[1], TensorIndex.Colon, x[2]], x[3]),
        "setitem_mask_scalar" => x[0].Clone().SetItem([x[1]], -7.0),
        _ => throw new InvalidOperationException($"no C# mapping for golden op '{op}'"),
    };

    private static Tensor SetItem(Tensor x, TensorIndex[] index, Tensor value)
    {
        var copy = x.Clone();
        copy[index] = value;
        return copy;
    }

    private static Tensor WeightedCat(Tensor[] parts, int dim) =>
        Tensor.Cat(parts.Select((p, i) => p * (i + 1)).ToArray(), dim);
}
