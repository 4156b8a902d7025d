namespace DlPath.Tensors;

/// <summary>How <see cref="Tensor.Pad"/> fills the new border (torch.nn.functional.pad's <c>mode</c>).</summary>
public enum PadMode
{
    /// <summary>A constant value (<c>'constant'</c>); negative pads crop.</summary>
    Constant,

    /// <summary>The mirror image without repeating the edge: [1,2,3] padded by 2 gives [3,2,1,2,3,2,1] (<c>'reflect'</c>).</summary>
    Reflect,

    /// <summary>The edge value repeated: [1,2,3] padded by 2 gives [1,1,1,2,3,3,3] (<c>'replicate'</c>).</summary>
    Replicate,

    /// <summary>Wraps around: [1,2,3] padded by 2 gives [2,3,1,2,3,1,2] (<c>'circular'</c>).</summary>
    Circular,
}

// Padding (torch.nn.functional.pad).
public sealed partial class Tensor
{
    /// <summary>
    /// Pads the last dims (<c>torch.nn.functional.pad</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.pad.html). As in torch, <paramref name="pad"/>
    /// lists (before, after) pairs starting from the LAST dim: <c>Pad([1, 1, 2, 0])</c> adds one column left and
    /// right and two rows on top of an image. Negative pads crop (constant mode).
    /// </summary>
    public Tensor Pad(int[] pad, PadMode mode = PadMode.Constant, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(pad);
        if (pad.Length % 2 != 0 || pad.Length / 2 > Rank)
        {
            throw new ShapeException($"pad: expects (before, after) pairs for at most {Rank} dims of {ShapeString}, got ({string.Join(",", pad)})");
        }

        if (mode != PadMode.Constant && value != 0)
        {
            throw new ArgumentException($"pad: a fill value is only used in constant mode, not {mode}");
        }

        return mode == PadMode.Constant ? PadConstant(pad, value) : PadByIndex(pad, mode);
    }

    private Tensor PadConstant(int[] pad, double value)
    {
        // Each padded dim: out = [before | x (cropped by negative pads) | after].
        var outShape = ShapeArray();
        var srcView = Detach();
        var region = new (int Start, int Length)[Rank];
        for (int i = 0; i < Rank; i++) region[i] = (0, _shape[i]);
        for (int k = 0; k < pad.Length / 2; k++)
        {
            int d = Rank - 1 - k, before = pad[2 * k], after = pad[(2 * k) + 1];
            outShape[d] = _shape[d] + before + after;
            if (outShape[d] < 0)
            {
                throw new ShapeException($"pad: padding ({before},{after}) on dim {d} of {ShapeString} gives a negative size {outShape[d]}");
            }

            int cropBefore = Math.Max(0, -before), cropAfter = Math.Max(0, -after);
            int kept = Math.Max(0, _shape[d] - cropBefore - cropAfter);
            srcView = srcView.Narrow(d, Math.Min(cropBefore, _shape[d]), kept);
            region[d] = (Math.Max(0, before), kept);
        }

        var result = Full(outShape, value, DType);
        var dst = result;
        for (int d = 0; d < Rank; d++) dst = dst.Narrow(d, region[d].Start, region[d].Length);
        if (dst.Numel > 0) dst.CopyFrom(srcView);

        int[] inShape = ShapeArray();
        int[] srcStart = new int[Rank];
        for (int k = 0; k < pad.Length / 2; k++) srcStart[Rank - 1 - k] = Math.Max(0, -pad[2 * k]);
        DType dtype = DType;

        // The gradient of the copied region goes back to where it came from; padding has none, cropped parts get 0.
        return Record(result, "ConstantPadBackward", [this], [], g =>
        {
            var inner = g;
            for (int d = 0; d < inShape.Length; d++) inner = inner.Narrow(d, region[d].Start, region[d].Length);
            var full = Zeros(inShape, dtype);
            var target = full;
            for (int d = 0; d < inShape.Length; d++) target = target.Narrow(d, srcStart[d], region[d].Length);
            if (target.Numel > 0) target.CopyFrom(inner);
            return [full];
        });
    }

    private Tensor PadByIndex(int[] pad, PadMode mode)
    {
        // Reflect/replicate/circular read every output position from some input position: build that map per
        // dim and gather with IndexSelect, whose backward (index_add) sums the gradients of repeated reads.
        var x = this;
        for (int k = 0; k < pad.Length / 2; k++)
        {
            int d = Rank - 1 - k, before = pad[2 * k], after = pad[(2 * k) + 1], size = _shape[d];
            if (before < 0 || after < 0) throw new ArgumentException($"pad: negative padding ({before},{after}) is only allowed in constant mode");
            if (mode == PadMode.Reflect && (before >= size || after >= size))
            {
                throw new ArgumentException($"pad: reflect padding ({before},{after}) must be smaller than the size {size} of dim {d} of {ShapeString}");
            }

            if (mode == PadMode.Circular && (before > size || after > size))
            {
                throw new ArgumentException($"pad: circular padding ({before},{after}) must not exceed the size {size} of dim {d} of {ShapeString}");
            }

            if (size == 0) throw new ArgumentException($"pad: {mode} padding needs a non-empty dim {d} in {ShapeString}");
            var map = new long[size + before + after];
            for (int o = 0; o < map.Length; o++)
            {
                int i = o - before;
                map[o] = mode switch
                {
                    PadMode.Reflect => i < 0 ? -i : i >= size ? (2 * (size - 1)) - i : i,
                    PadMode.Replicate => Math.Clamp(i, 0, size - 1),
                    _ => ((i % size) + size) % size,
                };
            }

            x = x.IndexSelect(d, FromArray(map));
        }

        return x;
    }
}
