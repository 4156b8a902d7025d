namespace DlPath.Tensors;

// Python-style indexing x[...]: ints, ranges/slices, None and ... give views (through Select/Slice/Unsqueeze,
// which carry their own backward); int64 tensors and bool masks give copies (advanced indexing) whose backward
// is an index_put with accumulation. See https://pytorch.org/docs/stable/tensor_view.html and
// https://numpy.org/doc/stable/user/basics.indexing.html#advanced-indexing.
public sealed partial class Tensor
{
    /// <summary>
    /// Indexes like <c>x[...]</c> in PyTorch. Reading: ints select (the dim goes away), ranges and
    /// <see cref="TensorIndex.Slice"/> slice, <see cref="TensorIndex.NewAxis"/> adds a dim,
    /// <see cref="TensorIndex.Ellipsis"/> stands for the remaining dims — all views; int64 tensors / <c>long[]</c>
    /// pick positions and bool masks pick the true elements — copies. Writing (<c>x[...] = value</c>) copies
    /// <paramref name="indices"/>' target from a value that broadcasts to it, in place.
    /// </summary>
    /// <example><c>x[0, 1..^1]</c> is <c>x[0, 1:-1]</c>; <c>x[x &gt; 0] = Tensor.Scalar(0)</c> zeroes the positives.</example>
    /// <remarks>The indexer's CLR name is <c>At</c> because <c>Item</c> is taken by <see cref="Item()"/>.</remarks>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => IndexGet(indices);
        set => SetItem(indices, value);
    }

    /// <summary>
    /// <c>x[indices] = value</c> in place (<c>__setitem__</c> / <c>index_put_</c>): the value broadcasts to the
    /// indexed shape and is converted to this dtype; with repeated advanced indices the last write wins. The
    /// write bumps the version counter. It is not recorded by autograd, so it refuses a tensor or value that
    /// requires a gradient while recording is on.
    /// </summary>
    public Tensor SetItem(TensorIndex[] indices, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(value);
        CheckUnrecordedWrite("index assignment");
        if (value.RequiresGrad && Autograd.GradMode.IsEnabled)
        {
            throw new InvalidOperationException($"index assignment: the {value.ShapeString} value requires grad, but index assignment is not recorded by autograd; use Where/MaskedFill/Scatter to build a new tensor instead, or assign inside Tensor.NoGrad()");
        }

        using (NoGrad())
        {
            var (view, adv) = ApplyBasicIndices(indices);
            if (adv.Count == 0)
            {
                view.CopyFrom(value);
                return this;
            }

            var plan = AdvancedIndexPlan.Create(view, adv);
            var v = plan.Permuted;

            // The value broadcasts to the shape a read would give; bring it to (B..., rest...) order.
            var target = value.To(DType).Expand(plan.ResultShape(v));
            var ordered = plan.ToIndexOrder(target).Contiguous();
            var bases = plan.Bases(v._strides, v._offset);
            var rest = GatherScatterOffsets(v._shape[plan.IndexCount..], v._strides[plan.IndexCount..], 0, -1);
            switch (DType)
            {
                case DType.Float32: IndexPutKernel(v.Data<float>(), bases, rest, ordered.AsSpan<float>(), accumulate: false); break;
                case DType.Float64: IndexPutKernel(v.Data<double>(), bases, rest, ordered.AsSpan<double>(), accumulate: false); break;
                case DType.Int64: IndexPutKernel(v.Data<long>(), bases, rest, ordered.AsSpan<long>(), accumulate: false); break;
                default: IndexPutKernel(v.Data<bool>(), bases, rest, ordered.AsSpan<bool>(), accumulate: false); break;
            }

            BumpVersion();
        }

        return this;
    }

    /// <summary><c>x[indices] = value</c> with a number (converted to this dtype).</summary>
    public Tensor SetItem(TensorIndex[] indices, double value) => SetItem(indices, Scalar(value, DType));

    private Tensor IndexGet(TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var (view, adv) = ApplyBasicIndices(indices);
        if (adv.Count == 0) return view;
        var plan = AdvancedIndexPlan.Create(view, adv);
        var gathered = AdvancedIndexCore(plan.Permuted, plan);
        return plan.ToResultOrder(gathered);
    }

    /// <summary>
    /// Applies ints, slices, None and ... as views, in order, and collects the advanced (tensor) indices with the
    /// dim of the view they index. Bool masks become one int64 index per masked dim (their nonzero positions).
    /// </summary>
    private (Tensor View, List<(int Dim, Tensor Index)> Advanced) ApplyBasicIndices(TensorIndex[] indices)
    {
        int consumed = 0, ellipses = 0;
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndexKind.Single or TensorIndexKind.Slice: consumed++; break;
                case TensorIndexKind.Tensor: consumed += ix.Tensor!.DType == DType.Bool ? ix.Tensor.Rank : 1; break;
                case TensorIndexKind.Ellipsis: ellipses++; break;
            }
        }

        string shown = string.Join(", ", indices.Select(i => i.ToString()));
        if (ellipses > 1) throw new ArgumentException($"index [{shown}]: an index can only have a single ellipsis ('...')");
        if (consumed > Rank) throw new IndexOutOfRangeException($"index [{shown}]: too many indices for a tensor of dimension {Rank} {ShapeString}");

        var cur = this;
        int d = 0, srcDim = 0; // d: dim of the view built so far; srcDim: the dim of this tensor it came from (for messages)
        var adv = new List<(int, Tensor)>();
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndexKind.Single:
                    if (ix.Index < -cur._shape[d] || ix.Index >= cur._shape[d])
                    {
                        throw new IndexOutOfRangeException($"index [{shown}]: index {ix.Index} is out of bounds for dim {srcDim} with size {cur._shape[d]} of {ShapeString}");
                    }

                    cur = cur.Select(d, ix.Index);
                    srcDim++;
                    break;
                case TensorIndexKind.Slice:
                    if (ix.Start is not null || ix.Stop is not null || ix.Step != 1) cur = cur.Slice(d, ix.Start, ix.Stop, ix.Step);
                    d++;
                    srcDim++;
                    break;
                case TensorIndexKind.NewAxis:
                    cur = cur.Unsqueeze(d);
                    d++;
                    break;
                case TensorIndexKind.Ellipsis:
                    d += Rank - consumed;
                    srcDim += Rank - consumed;
                    break;
                default:
                    {
                        var t = ix.Tensor!;
                        if (t.DType == DType.Int64)
                        {
                            adv.Add((d, t));
                            d++;
                            srcDim++;
                            break;
                        }

                        if (t.Rank == 0)
                        {
                            // x[True] adds a dim of size 1, x[False] one of size 0 (as torch does).
                            cur = cur.Unsqueeze(d);
                            adv.Add((d, t.Item<bool>() ? Zeros([1], DType.Int64) : Zeros([0], DType.Int64)));
                            d++;
                            break;
                        }

                        for (int j = 0; j < t.Rank; j++)
                        {
                            if (t._shape[j] != cur._shape[d + j])
                            {
                                throw new ShapeException($"index [{shown}]: the mask shape {t.ShapeString} does not match the indexed shape {ShapeUtil.Format(cur._shape.AsSpan(d, t.Rank))} at dim {srcDim + j} of {ShapeString}");
                            }
                        }

                        var positions = MaskPositions(t);
                        for (int j = 0; j < t.Rank; j++) adv.Add((d + j, positions[j]));
                        d += t.Rank;
                        srcDim += t.Rank;
                        break;
                    }
            }
        }

        return (cur, adv);
    }

    /// <summary>The coordinates of the true elements of a mask, one int64 vector per dim (<c>mask.nonzero(as_tuple=True)</c>).</summary>
    private static Tensor[] MaskPositions(Tensor mask)
    {
        var m = mask.ToArray<bool>();
        int count = m.Count(b => b);
        var coords = new long[mask.Rank][];
        for (int j = 0; j < mask.Rank; j++) coords[j] = new long[count];
        var strides = ShapeUtil.ContiguousStrides(mask._shape);
        for (int i = 0, k = 0; i < m.Length; i++)
        {
            if (!m[i]) continue;
            for (int j = 0; j < mask.Rank; j++) coords[j][k] = (i / strides[j]) % mask._shape[j];
            k++;
        }

        return coords.Select(c => FromArray(c)).ToArray();
    }

    /// <summary>
    /// out[b, r...] = v[idx0[b], ..., idx(k-1)[b], r...] for a tensor whose first k dims are the indexed ones.
    /// Its backward is the same addressing with accumulation (index_put with accumulate=True).
    /// </summary>
    private static Tensor AdvancedIndexCore(Tensor v, AdvancedIndexPlan plan)
    {
        int k = plan.IndexCount;
        var bases = plan.Bases(v._strides, v._offset);
        var rest = GatherScatterOffsets(v._shape[k..], v._strides[k..], 0, -1);
        var shape = plan.IndexShape.Concat(v._shape[k..]).ToArray();
        var result = Empty(shape, v.DType);
        switch (v.DType)
        {
            case DType.Float32: IndexReadKernel(v.Data<float>(), bases, rest, result.Data<float>()); break;
            case DType.Float64: IndexReadKernel(v.Data<double>(), bases, rest, result.Data<double>()); break;
            case DType.Int64: IndexReadKernel(v.Data<long>(), bases, rest, result.Data<long>()); break;
            default: IndexReadKernel(v.Data<bool>(), bases, rest, result.Data<bool>()); break;
        }

        int[] inShape = v.ShapeArray();
        DType dtype = v.DType;

        // out copies v at the indexed positions, so dL/dv[q] = sum of dL/dout over every b that read q.
        return Record(result, "IndexBackward", [v], [], g =>
        {
            var full = Zeros(inShape, dtype);
            var gc = g.Contiguous();
            var fb = plan.Bases(full._strides, 0);
            var fr = GatherScatterOffsets(inShape[k..], full._strides[k..], 0, -1);
            if (dtype == DType.Float32) IndexPutKernel(full.Data<float>(), fb, fr, gc.AsSpan<float>(), accumulate: true);
            else IndexPutKernel(full.Data<double>(), fb, fr, gc.AsSpan<double>(), accumulate: true);
            return [full];
        });
    }

    private static void IndexReadKernel<T>(T[] src, int[] bases, int[] rest, T[] dst)
    {
        int r = rest.Length;
        for (int b = 0; b < bases.Length; b++)
        {
            int o = b * r, s = bases[b];
            for (int i = 0; i < r; i++) dst[o + i] = src[s + rest[i]];
        }
    }

    private static void IndexPutKernel<T>(T[] dst, int[] bases, int[] rest, ReadOnlySpan<T> values, bool accumulate)
    {
        int r = rest.Length;
        for (int b = 0; b < bases.Length; b++)
        {
            int o = b * r, s = bases[b];
            if (accumulate)
            {
                for (int i = 0; i < r; i++) dst[s + rest[i]] = AddValues(dst[s + rest[i]], values[o + i]);
            }
            else
            {
                for (int i = 0; i < r; i++) dst[s + rest[i]] = values[o + i];
            }
        }
    }

    private static T AddValues<T>(T a, T b)
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)a! + (float)(object)b!);
        if (typeof(T) == typeof(double)) return (T)(object)((double)(object)a! + (double)(object)b!);
        if (typeof(T) == typeof(long)) return (T)(object)((long)(object)a! + (long)(object)b!);
        return (T)(object)((bool)(object)a! | (bool)(object)b!);
    }
}
