using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The same elements with another shape (<c>reshape</c>); one dim may be -1 and is inferred. A view when
    /// the strides allow it, otherwise a copy.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        int[] target = InferShape(shape, "reshape");
        var strides = ViewStrides(target);
        return strides is null ? Contiguous().View(target) : ViewAs(target, strides, _offset, "ReshapeBackward");
    }

    /// <summary>The same elements with another shape, always as a view; fails on a layout that cannot be viewed (<c>view</c>).</summary>
    public Tensor View(params int[] shape)
    {
        int[] target = InferShape(shape, "view");
        var strides = ViewStrides(target) ?? throw new ShapeException(
            $"view: a {ShapeString} tensor with strides {ShapeUtil.Format(_strides)} cannot be viewed as {ShapeUtil.Format(target)}; use Reshape (which copies) or Contiguous() first");
        return ViewAs(target, strides, _offset, "ViewBackward");
    }

    /// <summary>Flattens dims start..end (inclusive) into one (<c>flatten</c>).</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = ShapeUtil.WrapDim(startDim, Rank, "flatten"), e = ShapeUtil.WrapDim(endDim, Rank, "flatten");
        if (s > e) throw new ShapeException($"flatten: start dim {startDim} comes after end dim {endDim}");
        var shape = new List<int>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        int prod = 1;
        for (int i = s; i <= e; i++) prod *= _shape[i];
        shape.Add(prod);
        for (int i = e + 1; i < Rank; i++) shape.Add(_shape[i]);
        return Reshape(shape.ToArray());
    }

    /// <summary>Swaps two dims, as a view (<c>transpose</c>).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        var perm = new int[Rank];
        for (int i = 0; i < Rank; i++) perm[i] = i;
        int a = ShapeUtil.WrapDim(dim0, Rank, "transpose"), b = ShapeUtil.WrapDim(dim1, Rank, "transpose");
        if (Rank == 0) return this;
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(perm);
    }

    /// <summary>The transpose of a matrix (<c>t()</c> / <c>.T</c> for 2-D); 0-D and 1-D tensors are returned as they are.</summary>
    public Tensor T => Rank < 2 ? this : Rank == 2 ? Transpose(0, 1) : throw new ShapeException($"T: expects a tensor of rank <= 2, got {ShapeString}; use Transpose(dim0, dim1) or MT");

    /// <summary>Transposes the last two dims (<c>.mT</c>).</summary>
    public Tensor MT => Rank < 2 ? throw new ShapeException($"mT: needs rank >= 2, got {ShapeString}") : Transpose(-2, -1);

    /// <summary>Reorders the dims, as a view (<c>permute</c>).</summary>
    public Tensor Permute(params int[] dims)
    {
        if (dims.Length != Rank)
        {
            throw new ShapeException($"permute: {dims.Length} dims given for a tensor of rank {Rank} {ShapeString}");
        }

        var shape = new int[Rank];
        var strides = new int[Rank];
        var seen = new bool[Rank];
        var perm = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int d = ShapeUtil.WrapDim(dims[i], Rank, "permute");
            if (seen[d]) throw new ShapeException($"permute: dim {d} appears twice in ({string.Join(",", dims)})");
            seen[d] = true;
            perm[i] = d;
            shape[i] = _shape[d];
            strides[i] = _strides[d];
        }

        var result = new Tensor(_storage, shape, strides, _offset);
        return Record(result, "PermuteBackward", [this], [], g =>
        {
            var inverse = new int[perm.Length];
            for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            return [g.Permute(inverse)];
        });
    }

    /// <summary>Removes all dims of size 1 (<c>squeeze()</c>).</summary>
    public Tensor Squeeze()
    {
        var shape = _shape.Where(d => d != 1).ToArray();
        return Reshape(shape);
    }

    /// <summary>Removes one dim if its size is 1 (<c>squeeze(dim)</c>).</summary>
    public Tensor Squeeze(int dim)
    {
        if (Rank == 0) return this;
        int d = ShapeUtil.WrapDim(dim, Rank, "squeeze");
        if (_shape[d] != 1) return this;
        var shape = _shape.Where((_, i) => i != d).ToArray();
        return Reshape(shape);
    }

    /// <summary>Inserts a dim of size 1 at <paramref name="dim"/> (<c>unsqueeze</c>).</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = ShapeUtil.WrapDim(dim, Rank + 1, "unsqueeze");
        var shape = _shape.ToList();
        shape.Insert(d, 1);
        return Reshape(shape.ToArray());
    }

    /// <summary>
    /// Broadcasts to a larger shape without copying (<c>expand</c>): size-1 dims repeat with stride 0, and new
    /// leading dims may be added; -1 keeps a dim's size.
    /// </summary>
    public Tensor Expand(params int[] shape)
    {
        if (shape.Length < Rank)
        {
            throw new ShapeException($"expand: cannot expand {ShapeString} to fewer dims {ShapeUtil.Format(shape)}");
        }

        int lead = shape.Length - Rank;
        var newShape = new int[shape.Length];
        var strides = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            int target = shape[i];
            if (i < lead)
            {
                if (target < 0) throw new ShapeException($"expand: -1 is not allowed for the new leading dim {i} in {ShapeUtil.Format(shape)}");
                newShape[i] = target;
                strides[i] = 0;
                continue;
            }

            int own = _shape[i - lead];
            if (target == -1 || target == own)
            {
                newShape[i] = own;
                strides[i] = _strides[i - lead];
            }
            else if (own == 1)
            {
                newShape[i] = target;
                strides[i] = 0;
            }
            else
            {
                throw new ShapeException($"expand: {ShapeString} cannot be expanded to {ShapeUtil.Format(shape)}: dim {i} has size {own}, not 1");
            }
        }

        if (ShapeUtil.SameShape(newShape, _shape)) return this;
        var result = new Tensor(_storage, newShape, strides, _offset);
        int[] original = ShapeArray();
        return Record(result, "ExpandBackward", [this], [], g => [Autograd.BackwardEngine.SumToShape(g, original, "expand")]);
    }

    /// <summary>Broadcasts to the shape of <paramref name="other"/> (<c>expand_as</c>).</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other.ShapeArray());

    /// <summary>A slice of <paramref name="length"/> elements along a dim from <paramref name="start"/>, as a view (<c>narrow</c>).</summary>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = ShapeUtil.WrapDim(dim, Rank, "narrow");
        if (start < 0) start += _shape[d];
        if (start < 0 || length < 0 || start + length > _shape[d])
        {
            throw new IndexOutOfRangeException($"narrow: start {start} and length {length} do not fit dim {d} of size {_shape[d]} in {ShapeString}");
        }

        return Slice(d, start, start + length, 1);
    }

    /// <summary>The sub-tensor at one index of a dim, dropping that dim, as a view (<c>select</c>, <c>x[i]</c>).</summary>
    public Tensor Select(int dim, int index)
    {
        int d = ShapeUtil.WrapDim(dim, Rank, "select");
        int size = _shape[d];
        if (index < -size || index >= size)
        {
            throw new IndexOutOfRangeException($"select: index {index} is out of bounds for dim {d} of size {size} in a {ShapeString} tensor");
        }

        if (index < 0) index += size;
        var shape = _shape.Where((_, i) => i != d).ToArray();
        var strides = _strides.Where((_, i) => i != d).ToArray();
        var result = new Tensor(_storage, shape, strides, _offset + (index * _strides[d]));
        int[] inShape = ShapeArray();
        DType dtype = DType;
        return Record(result, "SelectBackward", [this], [], g =>
        {
            var full = Zeros(inShape, dtype);
            full.Select(d, index).CopyFrom(g);
            return [full];
        });
    }

    /// <summary>
    /// Elements start, start+step, ... below end along a dim, as a view (<c>x[start:end:step]</c>); start and
    /// end are clamped like Python slices, negative values count from the end.
    /// </summary>
    public Tensor Slice(int dim, int? start = null, int? end = null, int step = 1)
    {
        int d = ShapeUtil.WrapDim(dim, Rank, "slice");
        if (step <= 0) throw new ArgumentException($"slice: step must be positive, got {step}");
        int size = _shape[d];
        int s = ClampSliceIndex(start ?? 0, size), e = ClampSliceIndex(end ?? size, size);
        int len = e > s ? ((e - s + step - 1) / step) : 0;
        var shape = ShapeArray();
        var strides = (int[])_strides.Clone();
        shape[d] = len;
        strides[d] = _strides[d] * step;
        var result = new Tensor(_storage, shape, strides, _offset + (s * _strides[d]));
        int[] inShape = ShapeArray();
        DType dtype = DType;
        return Record(result, "SliceBackward", [this], [], g =>
        {
            var full = Zeros(inShape, dtype);
            full.Slice(d, s, e, step).CopyFrom(g);
            return [full];
        });
    }

    private static int ClampSliceIndex(int i, int size)
    {
        if (i < 0) i += size;
        return Math.Clamp(i, 0, size);
    }

    /// <summary>This tensor if its elements are already contiguous, otherwise a contiguous copy (<c>contiguous</c>).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy with its own storage; gradients flow back to this tensor (<c>clone</c>).</summary>
    public Tensor Clone()
    {
        var result = Uninitialized(ShapeArray(), DType);
        CopyRawInto(result);
        return Record(result, "CloneBackward", [this], [], g => [g]);
    }

    /// <summary>Converts to another dtype (a copy; the same tensor when the dtype already matches) (<c>to(dtype)</c>).</summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType) return this;
        var src = Contiguous();
        Tensor result = (src.DType, dtype) switch
        {
            (DType.Float32, _) => Convert<float>(src, dtype, v => v, v => v != 0),
            (DType.Float64, _) => Convert<double>(src, dtype, v => v, v => v != 0),
            (DType.Int64, _) => Convert<long>(src, dtype, v => v, v => v != 0),
            _ => ConvertBool(src, dtype),
        };
        if (!dtype.IsFloatingPoint()) return result;
        DType from = DType;
        return Record(result, "ToBackward", [this], [], g => [g.To(from)]);
    }

    /// <summary>Converts to float32 (<c>float()</c>).</summary>
    public Tensor Float() => To(DType.Float32);

    /// <summary>Converts to float64 (<c>double()</c>).</summary>
    public Tensor Double() => To(DType.Float64);

    /// <summary>Converts to int64 (<c>long()</c>), truncating toward zero.</summary>
    public Tensor Long() => To(DType.Int64);

    private static Tensor Convert<T>(Tensor src, DType dtype, Func<T, double> toDouble, Func<T, bool> toBool)
    {
        var s = src.Data<T>().AsSpan(src._offset, src.Numel);
        var result = Uninitialized(src.ShapeArray(), dtype);
        switch (dtype)
        {
            case DType.Float32:
                {
                    var d = result.Data<float>();
                    for (int i = 0; i < s.Length; i++) d[i] = (float)toDouble(s[i]);
                    break;
                }

            case DType.Float64:
                {
                    var d = result.Data<double>();
                    for (int i = 0; i < s.Length; i++) d[i] = toDouble(s[i]);
                    break;
                }

            case DType.Int64:
                {
                    var d = result.Data<long>();
                    for (int i = 0; i < s.Length; i++) d[i] = typeof(T) == typeof(long) ? (long)toDouble(s[i]) : (long)Math.Truncate(toDouble(s[i]));
                    break;
                }

            default:
                {
                    var d = result.Data<bool>();
                    for (int i = 0; i < s.Length; i++) d[i] = toBool(s[i]);
                    break;
                }
        }

        return result;
    }

    private static Tensor ConvertBool(Tensor src, DType dtype)
    {
        var s = src.Data<bool>().AsSpan(src._offset, src.Numel);
        var result = Uninitialized(src.ShapeArray(), dtype);
        for (int i = 0; i < s.Length; i++) result.SetRaw(i, s[i] ? 1 : 0);
        return result;
    }

    /// <summary>Copies this tensor's elements (any layout) into a contiguous tensor of the same shape and dtype.</summary>
    internal void CopyRawInto(Tensor dst)
    {
        switch (DType)
        {
            case DType.Float32: StridedCopy.Gather(Data<float>(), _offset, _shape, _strides, dst.AsSpan<float>()); break;
            case DType.Float64: StridedCopy.Gather(Data<double>(), _offset, _shape, _strides, dst.AsSpan<double>()); break;
            case DType.Int64: StridedCopy.Gather(Data<long>(), _offset, _shape, _strides, dst.AsSpan<long>()); break;
            default: StridedCopy.Gather(Data<bool>(), _offset, _shape, _strides, dst.AsSpan<bool>()); break;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> into this tensor in place, broadcasting and converting the dtype
    /// (<c>copy_</c>); works on views, so <c>x.Select(0, 1).CopyFrom(row)</c> writes into x. No autograd.
    /// </summary>
    public Tensor CopyFrom(Tensor source)
    {
        var src = source.To(DType).Expand(ShapeArray()).Contiguous();
        if (src.Numel != Numel) throw new ShapeException($"copy: {source.ShapeString} does not broadcast to {ShapeString}");
        switch (DType)
        {
            case DType.Float32: StridedCopy.Scatter<float>(src.AsSpan<float>(), Data<float>(), _offset, _shape, _strides); break;
            case DType.Float64: StridedCopy.Scatter<double>(src.AsSpan<double>(), Data<double>(), _offset, _shape, _strides); break;
            case DType.Int64: StridedCopy.Scatter<long>(src.AsSpan<long>(), Data<long>(), _offset, _shape, _strides); break;
            default: StridedCopy.Scatter<bool>(src.AsSpan<bool>(), Data<bool>(), _offset, _shape, _strides); break;
        }

        BumpVersion();
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> in place (<c>fill_</c>).</summary>
    public Tensor Fill(double value)
    {
        // Gradients are zeroed in place on every training step: a contiguous float tensor is filled directly,
        // without materialising the broadcast value first.
        if (IsContiguous && DType is DType.Float32 or DType.Float64)
        {
            if (DType == DType.Float32) FillRange(Data<float>(), _offset, Numel, (float)value);
            else FillRange(Data<double>(), _offset, Numel, value);
            BumpVersion();

            // +0 over the whole storage: the backward pass may overwrite instead of add (Storage.ZeroedAtVersion).
            if (value == 0 && !double.IsNegative(value) && _offset == 0 && Numel == _storage.Length) _storage.ZeroedAtVersion = _storage.Version;
            return this;
        }

        return CopyFrom(Scalar(value, DType));
    }

    /// <summary>Fills <paramref name="n"/> elements from <paramref name="offset"/>; a long run in one range per thread.</summary>
    private static void FillRange<T>(T[] data, int offset, int n, T value)
    {
        if (n < 2 * Kernels.MemoryBoundSplit.MinElementsPerThread) data.AsSpan(offset, n).Fill(value);
        else Kernels.MemoryBoundSplit.For(n, (start, length) => data.AsSpan(offset + start, length).Fill(value));
    }

    /// <summary>Sets every element to zero in place (<c>zero_</c>).</summary>
    public Tensor Zero() => Fill(0);

    private Tensor ViewAs(int[] shape, int[] strides, int offset, string name)
    {
        var result = new Tensor(_storage, shape, strides, offset);
        int[] original = ShapeArray();
        return Record(result, name, [this], [], g => [g.Reshape(original)]);
    }

    private int[] InferShape(int[] shape, string op)
    {
        int infer = -1, known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ShapeException($"{op}: only one dim can be -1 in {ShapeUtil.Format(shape)}");
                infer = i;
            }
            else if (shape[i] < 0)
            {
                throw new ShapeException($"{op}: invalid size {shape[i]} in {ShapeUtil.Format(shape)}");
            }
            else
            {
                known *= shape[i];
            }
        }

        var result = (int[])shape.Clone();
        if (infer >= 0)
        {
            if (known == 0 || Numel % known != 0)
            {
                throw new ShapeException($"{op}: shape {ShapeUtil.Format(shape)} is invalid for a {ShapeString} tensor of {Numel} elements");
            }

            result[infer] = Numel / known;
        }
        else if (known != Numel)
        {
            throw new ShapeException($"{op}: shape {ShapeUtil.Format(shape)} is invalid for a {ShapeString} tensor of {Numel} elements");
        }

        return result;
    }

    /// <summary>
    /// Strides that show this tensor's elements in <paramref name="target"/> shape without copying, or null if
    /// the current strides make that impossible (the rule of PyTorch's computeStride: each group of old dims
    /// that merges or splits must be contiguous within itself).
    /// </summary>
    private int[]? ViewStrides(int[] target)
    {
        if (IsContiguous) return ShapeUtil.ContiguousStrides(target);
        if (Numel == 0) return ShapeUtil.ContiguousStrides(target);
        var newStrides = new int[target.Length];
        int viewD = target.Length - 1;
        int chunkBaseStride = _strides.Length > 0 ? _strides[^1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = _shape.Length - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= _shape[tensorD];
            if (tensorD == 0 || (_shape[tensorD - 1] != 1 && _strides[tensorD - 1] != tensorNumel * chunkBaseStride))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || target[viewD] == 1))
                {
                    newStrides[viewD] = (int)(viewNumel * chunkBaseStride);
                    viewNumel *= target[viewD];
                    viewD--;
                }

                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBaseStride = _strides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }

        return viewD == -1 ? newStrides : null;
    }
}
