namespace DlPath.Tensors;

// Joining and splitting along a dim: Cat, Stack (copies), Split, Chunk (views).
public sealed partial class Tensor
{
    /// <summary>
    /// Concatenates tensors along an existing dim (<c>torch.cat</c>,
    /// https://pytorch.org/docs/stable/generated/torch.cat.html). All shapes must agree except along
    /// <paramref name="dim"/>; dtypes are promoted; 1-D empty tensors are skipped, as torch does.
    /// </summary>
    public static Tensor Cat(Tensor[] tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("cat: expected a non-empty list of tensors");

        // torch keeps accepting legacy (0,)-shaped tensors in a cat of any rank and ignores them.
        var parts = tensors.Where(t => !(t.Rank == 1 && t.Numel == 0)).ToArray();
        if (parts.Length == 0) parts = [tensors[0]];
        var first = parts[0];
        if (first.Rank == 0) throw new ShapeException("cat: zero-dimensional tensors cannot be concatenated; use Stack or Unsqueeze(0) first");
        int d = ShapeUtil.WrapDim(dim, first.Rank, "cat");
        var dtype = parts[0].DType;
        int total = 0;
        foreach (var t in parts)
        {
            if (t.Rank != first.Rank)
            {
                throw new ShapeException($"cat: tensors must have the same rank: {first.ShapeString} and {t.ShapeString}");
            }

            for (int i = 0; i < t.Rank; i++)
            {
                if (i != d && t._shape[i] != first._shape[i])
                {
                    throw new ShapeException($"cat: sizes must match except in dim {d}: {first.ShapeString} and {t.ShapeString} differ in dim {i}");
                }
            }

            total += t._shape[d];
            dtype = DTypes.Promote(dtype, t.DType);
        }

        var shape = first.ShapeArray();
        shape[d] = total;
        var result = Empty(shape, dtype);
        var offsets = new int[tensors.Length];
        var sizes = new int[tensors.Length];
        int offset = 0;
        using (NoGrad())
        {
            for (int i = 0; i < tensors.Length; i++)
            {
                var t = tensors[i];
                offsets[i] = offset;
                sizes[i] = t.Rank == 1 && t.Numel == 0 ? 0 : t._shape[d];
                if (sizes[i] == 0) continue;
                result.Narrow(d, offset, sizes[i]).CopyFrom(t);
                offset += sizes[i];
            }
        }

        // d(cat)/d(input i) picks the slice of the gradient that input i filled.
        return Record(result, "CatBackward", tensors, [], g =>
        {
            var grads = new Tensor?[tensors.Length];
            for (int i = 0; i < tensors.Length; i++)
            {
                if (!tensors[i].RequiresGrad) continue;
                grads[i] = sizes[i] == 0 ? ZerosLike(tensors[i]) : g.Narrow(d, offsets[i], sizes[i]);
            }

            return grads;
        });
    }

    /// <summary>Concatenates tensors along dim 0 (<c>torch.cat(tensors)</c>).</summary>
    public static Tensor Cat(params Tensor[] tensors) => Cat(tensors, 0);

    /// <summary>
    /// Joins tensors of one shape along a new dim (<c>torch.stack</c>,
    /// https://pytorch.org/docs/stable/generated/torch.stack.html).
    /// </summary>
    public static Tensor Stack(Tensor[] tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("stack: expected a non-empty list of tensors");
        int d = ShapeUtil.WrapDim(dim, tensors[0].Rank + 1, "stack");
        foreach (var t in tensors)
        {
            if (!ShapeUtil.SameShape(t.Shape, tensors[0].Shape))
            {
                throw new ShapeException($"stack: expects each tensor to be equal size, but got {tensors[0].ShapeString} and {t.ShapeString}");
            }
        }

        // Unsqueeze and Cat are both differentiable, so the backward composes from theirs.
        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    /// <summary>Joins tensors of one shape along a new dim 0 (<c>torch.stack(tensors)</c>).</summary>
    public static Tensor Stack(params Tensor[] tensors) => Stack(tensors, 0);

    /// <summary>
    /// Splits into views of <paramref name="splitSize"/> elements along a dim, the last one possibly smaller
    /// (<c>torch.split(x, split_size)</c>, https://pytorch.org/docs/stable/generated/torch.split.html).
    /// </summary>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        int d = ShapeUtil.WrapDim(dim, Rank, "split");
        if (splitSize <= 0 && !(splitSize == 0 && _shape[d] == 0))
        {
            throw new ArgumentException($"split: split size must be positive, got {splitSize} for dim {d} of size {_shape[d]}");
        }

        int n = _shape[d];
        if (n == 0) return [this];
        var parts = new List<Tensor>();
        for (int start = 0; start < n; start += splitSize)
        {
            parts.Add(Narrow(d, start, Math.Min(splitSize, n - start)));
        }

        return parts.ToArray();
    }

    /// <summary>
    /// Splits into views with the given sizes along a dim; the sizes must add up to the dim's size
    /// (<c>torch.split(x, [s0, s1, ...])</c>).
    /// </summary>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = ShapeUtil.WrapDim(dim, Rank, "split");
        if (sizes.Any(s => s < 0) || sizes.Sum() != _shape[d])
        {
            throw new ShapeException($"split: sizes ({string.Join(",", sizes)}) must be non-negative and add up to {_shape[d]}, the size of dim {d} of {ShapeString}");
        }

        var parts = new Tensor[sizes.Length];
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            parts[i] = Narrow(d, start, sizes[i]);
            start += sizes[i];
        }

        return parts;
    }

    /// <summary>
    /// Splits into <paramref name="chunks"/> views of size ceil(n / chunks) along a dim; as in torch, fewer
    /// chunks come back when the size does not allow that many (<c>torch.chunk</c>,
    /// https://pytorch.org/docs/stable/generated/torch.chunk.html).
    /// </summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0) throw new ArgumentException($"chunk: number of chunks must be positive, got {chunks}");
        int d = ShapeUtil.WrapDim(dim, Rank, "chunk");
        int size = (_shape[d] + chunks - 1) / chunks;
        return _shape[d] == 0 ? Split(Enumerable.Repeat(0, chunks).ToArray(), d) : Split(size, d);
    }
}
