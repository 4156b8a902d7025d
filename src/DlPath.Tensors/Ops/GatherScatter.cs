using System.Numerics;
using System.Numerics.Tensors;

namespace DlPath.Tensors;

// Index-driven reads and writes along one dim: Gather, Scatter, ScatterAdd, IndexSelect, IndexAdd,
// MaskedFill. Each backward is the "transpose" read/write of its forward (gather <-> scatter_add,
// index_select <-> index_add).
public sealed partial class Tensor
{
    /// <summary>
    /// Reads values along a dim at the positions in <paramref name="index"/> (<c>torch.gather</c>,
    /// https://pytorch.org/docs/stable/generated/torch.gather.html): for dim 1 of a 3-D tensor,
    /// <c>out[i,j,k] = x[i, index[i,j,k], k]</c>. The index is int64 with this tensor's rank; the output has
    /// its shape.
    /// </summary>
    public Tensor Gather(int dim, Tensor index)
    {
        int d = CheckScatterIndex("gather", dim, index, null);
        var idx = index.Contiguous();
        var idxShape = idx.ShapeArray();
        var xOffsets = GatherScatterOffsets(idxShape, _strides, _offset, d);
        var result = DType switch
        {
            DType.Float32 => GatherKernel<float>(this, idx, xOffsets, d),
            DType.Float64 => GatherKernel<double>(this, idx, xOffsets, d),
            DType.Int64 => GatherKernel<long>(this, idx, xOffsets, d),
            _ => GatherKernel<bool>(this, idx, xOffsets, d),
        };
        int[] inShape = ShapeArray();
        DType dtype = DType;

        // d out[p] / d x[q] = 1 where q is the position p read: add each gradient back where it came from.
        return Record(result, "GatherBackward", [this], [index], g => [Zeros(inShape, dtype).ScatterAdd(d, index, g)]);
    }

    /// <summary>
    /// A copy of this tensor with the values of <paramref name="src"/> written along a dim at the positions in
    /// <paramref name="index"/> (<c>torch.scatter</c>, https://pytorch.org/docs/stable/generated/torch.scatter.html):
    /// for dim 1, <c>out[i, index[i,j,k], k] = src[i,j,k]</c>. Where two positions collide the last write wins.
    /// </summary>
    public Tensor Scatter(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(src);
        int d = CheckScatterIndex("scatter", dim, index, src);
        var result = ScatterCore(d, index, src.To(DType), accumulate: false, "scatter");
        var (self, source) = (this, src);

        // Overwritten positions do not depend on x; each written value depends on the src element it came from.
        return Record(result, "ScatterBackward", [self, source], [index], g =>
        [
            self.RequiresGrad ? g.Scatter(d, index, 0.0) : null,
            source.RequiresGrad ? GradForSource(g.Gather(d, index), source) : null,
        ]);
    }

    /// <summary>A copy of this tensor with <paramref name="value"/> written at the index positions (<c>torch.scatter(x, dim, index, value)</c>).</summary>
    public Tensor Scatter(int dim, Tensor index, double value)
    {
        int d = CheckScatterIndex("scatter", dim, index, null);
        var src = Full(index.ShapeArray(), value, DType);
        var result = ScatterCore(d, index, src, accumulate: false, "scatter");
        return Record(result, "ScatterBackward", [this], [index], g => [g.Scatter(d, index, 0.0)]);
    }

    /// <summary>
    /// A copy of this tensor with the values of <paramref name="src"/> added along a dim at the index positions
    /// (<c>torch.scatter_add</c>, https://pytorch.org/docs/stable/generated/torch.scatter_add.html): for dim 1,
    /// <c>out[i, index[i,j,k], k] += src[i,j,k]</c>; colliding positions accumulate.
    /// </summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src)
    {
        ArgumentNullException.ThrowIfNull(src);
        int d = CheckScatterIndex("scatter_add", dim, index, src);
        if (DType == DType.Bool) throw new InvalidOperationException("scatter_add: not defined for bool tensors");
        var result = ScatterCore(d, index, src.To(DType), accumulate: true, "scatter_add");
        var (self, source) = (this, src);

        // d out / d x = 1 everywhere; d out / d src[p] = 1 at the position p was added to.
        return Record(result, "ScatterAddBackward", [self, source], [index], g =>
        [
            self.RequiresGrad ? g : null,
            source.RequiresGrad ? GradForSource(g.Gather(d, index), source) : null,
        ]);
    }

    /// <summary>
    /// The entries of a dim at the positions of a 1-D int64 index, as a copy (<c>torch.index_select</c>,
    /// https://pytorch.org/docs/stable/generated/torch.index_select.html); an embedding lookup is
    /// <c>weight.IndexSelect(0, ids)</c>.
    /// </summary>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        int d = CheckIndexVector("index_select", dim, index);
        var idx = index.ToArray<long>();
        var (outer, size, inner) = SplitAround(_shape, d);
        CheckIndexValues("index_select", idx, size, d);
        var shape = ShapeArray();
        shape[d] = idx.Length;
        var src = Contiguous();
        var result = Empty(shape, DType);
        switch (DType)
        {
            case DType.Float32: IndexSelectKernel<float>(src, result, idx, outer, size, inner); break;
            case DType.Float64: IndexSelectKernel<double>(src, result, idx, outer, size, inner); break;
            case DType.Int64: IndexSelectKernel<long>(src, result, idx, outer, size, inner); break;
            default: IndexSelectKernel<bool>(src, result, idx, outer, size, inner); break;
        }

        int[] inShape = ShapeArray();
        DType dtype = DType;

        // Each selected slice's gradient goes back to the slice it was read from; repeats accumulate.
        return Record(result, "IndexSelectBackward", [this], [index], g =>
        {
            var full = Zeros(inShape, dtype);
            full.IndexAddRaw(idx, g, outer, size, inner);
            return [full];
        });
    }

    /// <summary>
    /// A copy of this tensor with the slices of <paramref name="source"/> added at the positions of a 1-D
    /// index along a dim (<c>torch.index_add</c>, https://pytorch.org/docs/stable/generated/torch.index_add.html);
    /// repeated positions accumulate.
    /// </summary>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int d = CheckIndexVector("index_add", dim, index);
        var idx = index.Contiguous().ToArray<long>();
        var (outer, size, inner) = SplitAround(_shape, d);
        CheckIndexValues("index_add", idx, size, d);
        var expected = ShapeArray();
        expected[d] = idx.Length;
        if (!ShapeUtil.SameShape(source.Shape, expected))
        {
            throw new ShapeException($"index_add: source {source.ShapeString} must have shape {ShapeUtil.Format(expected)} ({ShapeString} with dim {d} of size {idx.Length}, the index length)");
        }

        var result = Empty(ShapeArray(), DType);
        CopyRawInto(result);
        result.IndexAddRaw(idx, source, outer, size, inner);

        var (self, s) = (this, source);
        return Record(result, "IndexAddBackward", [self, s], [index], g => [self.RequiresGrad ? g : null, s.RequiresGrad ? g.IndexSelect(d, index) : null]);
    }

    /// <summary>
    /// A copy with <paramref name="value"/> where the bool <paramref name="mask"/> is true (<c>torch.masked_fill</c>,
    /// https://pytorch.org/docs/stable/generated/torch.Tensor.masked_fill.html); the mask and this tensor
    /// broadcast together, e.g. an attention mask <c>scores.MaskedFill(causal, double.NegativeInfinity)</c>.
    /// </summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        CheckMask("masked_fill", mask);
        var shape = ShapeUtil.Broadcast(Shape, mask.Shape, "masked_fill");
        var result = Empty(shape, DType);
        Detach().Expand(shape).CopyRawInto(result);
        result.MaskedFillRaw(mask, value);

        // Filled positions are constants; the others pass the gradient through.
        return Record(result, "MaskedFillBackward", [this], [mask], g => [g.MaskedFill(mask, 0.0)]);
    }

    /// <summary>
    /// Writes <paramref name="value"/> in place where the mask (broadcast to this shape) is true
    /// (<c>masked_fill_</c>). In-place writes are not recorded by autograd, so this refuses tensors that require
    /// a gradient while recording is on; use <see cref="MaskedFill"/> there.
    /// </summary>
    public Tensor MaskedFillInPlace(Tensor mask, double value)
    {
        CheckMask("masked_fill_", mask);
        CheckUnrecordedWrite("masked_fill_");
        var shape = ShapeUtil.Broadcast(Shape, mask.Shape, "masked_fill_");
        if (!ShapeUtil.SameShape(shape, _shape))
        {
            throw new ShapeException($"masked_fill_: the mask {mask.ShapeString} must broadcast to the tensor's shape {ShapeString}, but together they give {ShapeUtil.Format(shape)}");
        }

        MaskedFillRaw(mask, value);
        BumpVersion();
        return this;
    }

    /// <summary>Throws when an in-place write that autograd does not record would corrupt a graph.</summary>
    internal void CheckUnrecordedWrite(string op)
    {
        if (RequiresGrad && Autograd.GradMode.IsEnabled)
        {
            throw new InvalidOperationException($"{op}: this {ShapeString} tensor requires grad and in-place writes are not recorded by autograd; use the out-of-place op, or write inside a Tensor.NoGrad() scope");
        }
    }

    private void MaskedFillRaw(Tensor mask, double value)
    {
        var m = mask.Expand(_shape).Detach().Contiguous();
        var md = m.Data<bool>().AsSpan(m._offset, m.Numel);
        if (md.Length == 0) return;

        // Walk this tensor's (possibly strided) storage positions in row-major order alongside the mask.
        var offsets = GatherScatterOffsets(_shape, _strides, _offset, -1);
        for (int i = 0; i < md.Length; i++)
        {
            if (md[i]) SetRaw(offsets[i], value);
        }
    }

    private static void CheckMask(string op, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.DType != DType.Bool)
        {
            throw new ArgumentException($"{op}: the mask must be a bool tensor, got {mask.DType.Name()} {mask.ShapeString}; build it with a comparison, e.g. x > 0");
        }
    }

    /// <summary>The gradient of a scatter source, padded with zeros where src is larger than the index.</summary>
    private static Tensor GradForSource(Tensor gathered, Tensor source)
    {
        if (ShapeUtil.SameShape(gathered.Shape, source.Shape)) return gathered;
        var full = Zeros(source.ShapeArray(), gathered.DType);
        var view = full;
        for (int i = 0; i < gathered.Rank; i++) view = view.Narrow(i, 0, gathered._shape[i]);
        view.CopyFrom(gathered);
        return full;
    }

    private Tensor ScatterCore(int d, Tensor index, Tensor src, bool accumulate, string op)
    {
        var idx = index.Contiguous();
        var idxShape = idx.ShapeArray();
        var result = Empty(ShapeArray(), DType);
        CopyRawInto(result);
        var outOffsets = GatherScatterOffsets(idxShape, result._strides, 0, d);
        var srcOffsets = GatherScatterOffsets(idxShape, src._strides, src._offset, -1);
        var ids = idx.Data<long>().AsSpan(idx._offset, idx.Numel);
        int size = _shape[d], stride = result._strides[d];
        CheckIndexValues(op, ids, size, d);
        switch (DType)
        {
            case DType.Float32: ScatterKernel<float>(src.Data<float>(), result.Data<float>(), ids, outOffsets, srcOffsets, stride, accumulate); break;
            case DType.Float64: ScatterKernel<double>(src.Data<double>(), result.Data<double>(), ids, outOffsets, srcOffsets, stride, accumulate); break;
            case DType.Int64: ScatterKernel<long>(src.Data<long>(), result.Data<long>(), ids, outOffsets, srcOffsets, stride, accumulate); break;
            default:
                {
                    var s = src.Data<bool>();
                    var o = result.Data<bool>();
                    for (int p = 0; p < ids.Length; p++) o[outOffsets[p] + ((int)ids[p] * stride)] = s[srcOffsets[p]];
                    break;
                }
        }

        return result;
    }

    private static void ScatterKernel<T>(T[] src, T[] dst, ReadOnlySpan<long> ids, int[] outOffsets, int[] srcOffsets, int stride, bool accumulate)
        where T : INumber<T>
    {
        // out[outOffsets[p] + index[p] * stride] (+)= src[srcOffsets[p]] for every index position p.
        if (accumulate)
        {
            for (int p = 0; p < ids.Length; p++) dst[outOffsets[p] + ((int)ids[p] * stride)] += src[srcOffsets[p]];
        }
        else
        {
            for (int p = 0; p < ids.Length; p++) dst[outOffsets[p] + ((int)ids[p] * stride)] = src[srcOffsets[p]];
        }
    }

    private static Tensor GatherKernel<T>(Tensor x, Tensor idx, int[] xOffsets, int d)
    {
        // out[p] = x[xOffsets[p] + index[p] * stride_d], where xOffsets covers every dim but d.
        var ids = idx.Data<long>().AsSpan(idx._offset, idx.Numel);
        CheckIndexValues("gather", ids, x._shape[d], d);
        var result = Empty<T>(idx.ShapeArray());
        var src = x.Data<T>();
        var dst = result.Data<T>();
        int stride = x._strides[d];
        for (int p = 0; p < ids.Length; p++) dst[p] = src[xOffsets[p] + ((int)ids[p] * stride)];
        return result;
    }

    private static void IndexSelectKernel<T>(Tensor src, Tensor dst, long[] idx, int outer, int size, int inner)
    {
        // x: (outer, size, inner) -> out: (outer, k, inner); out[o, j, :] = x[o, idx[j], :]
        var s = src.Data<T>().AsSpan(src._offset, src.Numel);
        var d = dst.Data<T>().AsSpan();
        int k = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < k; j++)
            {
                s.Slice(((o * size) + (int)idx[j]) * inner, inner).CopyTo(d.Slice(((o * k) + j) * inner, inner));
            }
        }
    }

    /// <summary>this[o, idx[j], :] += source[o, j, :] on a fresh contiguous tensor (no autograd, no version bump).</summary>
    private void IndexAddRaw(long[] idx, Tensor source, int outer, int size, int inner)
    {
        var src = source.Detach().To(DType).Contiguous();
        switch (DType)
        {
            case DType.Float32: IndexAddKernel<float>(src, this, idx, outer, size, inner); break;
            case DType.Float64: IndexAddKernel<double>(src, this, idx, outer, size, inner); break;
            case DType.Int64: IndexAddKernel<long>(src, this, idx, outer, size, inner); break;
            default: throw new InvalidOperationException("index_add: not defined for bool tensors");
        }
    }

    private static void IndexAddKernel<T>(Tensor src, Tensor dst, long[] idx, int outer, int size, int inner)
        where T : unmanaged, INumber<T>
    {
        // out: (outer, size, inner), src: (outer, k, inner); out[o, idx[j], :] += src[o, j, :]
        var s = src.Data<T>().AsSpan(src._offset, src.Numel);
        var d = dst.Data<T>().AsSpan();
        int k = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < k; j++)
            {
                var row = d.Slice(((o * size) + (int)idx[j]) * inner, inner);
                TensorPrimitives.Add(row, s.Slice(((o * k) + j) * inner, inner), row);
            }
        }
    }

    /// <summary>Sizes before, at and after a dim: a tensor seen as (outer, size, inner).</summary>
    private static (int Outer, int Size, int Inner) SplitAround(int[] shape, int d)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= shape[i];
        for (int i = d + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape.Length == 0 ? 1 : shape[d], inner);
    }

    /// <summary>
    /// The storage offset, for each position of <paramref name="shape"/> in row-major order, of a tensor with
    /// <paramref name="strides"/> — leaving out dim <paramref name="skipDim"/> (the dim the index replaces).
    /// </summary>
    internal static int[] GatherScatterOffsets(int[] shape, int[] strides, int offset, int skipDim)
    {
        int n = ShapeUtil.Numel(shape);
        var result = new int[n];
        if (n == 0) return result;
        int rank = shape.Length;
        Span<int> index = stackalloc int[rank];
        int off = offset;
        for (int p = 0; p < n; p++)
        {
            result[p] = off;
            for (int dim = rank - 1; dim >= 0; dim--)
            {
                int step = dim == skipDim ? 0 : strides[dim];
                index[dim]++;
                off += step;
                if (index[dim] < shape[dim]) break;
                off -= step * shape[dim];
                index[dim] = 0;
            }
        }

        return result;
    }

    private static void CheckIndexValues(string op, ReadOnlySpan<long> ids, int size, int d)
    {
        foreach (long i in ids)
        {
            if (i < 0 || i >= size)
            {
                throw new IndexOutOfRangeException($"{op}: index {i} is out of bounds for dim {d} of size {size}");
            }
        }
    }

    private int CheckScatterIndex(string op, int dim, Tensor index, Tensor? src)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.DType != DType.Int64)
        {
            throw new ArgumentException($"{op}: the index must be an int64 tensor, got {index.DType.Name()} {index.ShapeString}");
        }

        if (Rank == 0) throw new ShapeException($"{op}: cannot index a 0-d tensor along a dim; use Reshape(1) first");
        int d = ShapeUtil.WrapDim(dim, Rank, op);
        if (index.Rank != Rank)
        {
            throw new ShapeException($"{op}: the index {index.ShapeString} must have as many dims as the tensor {ShapeString}");
        }

        for (int i = 0; i < index.Rank; i++)
        {
            if (i != d && index._shape[i] > _shape[i])
            {
                throw new ShapeException($"{op}: index {index.ShapeString} is larger than the tensor {ShapeString} in dim {i} (only dim {d} may differ)");
            }

            if (src is not null && (src.Rank != index.Rank || index._shape[i] > src._shape[i]))
            {
                throw new ShapeException($"{op}: index {index.ShapeString} must not be larger than src {src.ShapeString} in any dim");
            }
        }

        return d;
    }

    private int CheckIndexVector(string op, int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.DType != DType.Int64 || index.Rank > 1)
        {
            throw new ArgumentException($"{op}: the index must be a 0-d or 1-d int64 tensor, got {index.DType.Name()} {index.ShapeString}");
        }

        if (Rank == 0) throw new ShapeException($"{op}: cannot index a 0-d tensor along dim {dim}");
        return ShapeUtil.WrapDim(dim, Rank, op);
    }
}
