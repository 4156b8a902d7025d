using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Softmax and LogSoftmax along a dim, numerically stable (the row max is subtracted before exp).
public sealed partial class Tensor
{
    /// <summary>
    /// exp(x) / sum(exp(x)) along <paramref name="dim"/>
    /// (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.softmax.html">torch.softmax</a>).
    /// Floating-point tensors only. The last dim of a contiguous tensor is the fast path.
    /// </summary>
    public Tensor Softmax(int dim)
    {
        var (y, d) = SoftmaxForward(dim, log: false, "softmax");

        // y = softmax(x)  =>  dx = y * (g - sum(g * y)) along the dim (the Jacobian diag(y) - y y^T applied to g),
        // one row kernel (SoftmaxBackwardReference spells it out as tensor ops).
        return Record(y, "SoftmaxBackward", [this], [y], g => [SoftmaxBackward(y, g, d, log: false)]);
    }

    /// <summary>
    /// log(softmax(x)) along <paramref name="dim"/>, computed as x - max - log(sum(exp(x - max)))
    /// (<a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.log_softmax.html">torch.log_softmax</a>);
    /// more accurate than Softmax().Log() for the small probabilities a loss cares about.
    /// </summary>
    public Tensor LogSoftmax(int dim)
    {
        var (y, d) = SoftmaxForward(dim, log: true, "log_softmax");

        // y = log softmax(x)  =>  dx = g - exp(y) * sum(g) along the dim.
        return Record(y, "LogSoftmaxBackward", [this], [y], g => [SoftmaxBackward(y, g, d, log: true)]);
    }

    /// <summary>
    /// The gradient of softmax (or log_softmax) along <paramref name="dim"/> from its output y and the upstream g,
    /// in one pass per row: the dim is laid out last and dense (free for the usual last dim), the row kernel runs,
    /// and the result is put back in the input's layout.
    /// </summary>
    internal static Tensor SoftmaxBackward(Tensor y, Tensor g, int dim, bool log)
    {
        if (y.Rank == 0) return SoftmaxBackwardReference(y, g, dim, log);
        if (g.DType != y.DType) g = g.To(y.DType);
        var (yRows, _, inner) = Reduction.AsRows(y, [dim]);
        var (gRows, _, _) = Reduction.AsRows(g.Expand(y.ShapeArray()), [dim]);
        var dx = Empty([yRows.Numel], y.DType);
        if (inner > 0)
        {
            if (y.DType == DType.Float32) ReduceKernels.SoftmaxBackward<float>(yRows.AsSpan<float>(), gRows.AsSpan<float>(), dx.AsSpan<float>(), inner, log);
            else ReduceKernels.SoftmaxBackward<double>(yRows.AsSpan<double>(), gRows.AsSpan<double>(), dx.AsSpan<double>(), inner, log);
        }

        return ReduceKernels.FromRows(dx, y.ShapeArray(), [dim]);
    }

    /// <summary>The readable twin of <see cref="SoftmaxBackward"/>: the same formulas as tensor ops.</summary>
    internal static Tensor SoftmaxBackwardReference(Tensor y, Tensor g, int dim, bool log) => log
        ? g - (y.Exp() * g.Sum(dim, keepDim: true))
        : y * (g - (g * y).Sum(dim, keepDim: true));

    private (Tensor Y, int Dim) SoftmaxForward(int dim, bool log, string op)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new InvalidOperationException($"{op}: needs a floating-point tensor, got {DType.Name()} {ShapeString} (torch: \"softmax_lastdim_kernel_impl\" not implemented for '{TorchTypeName(DType)}'); convert with Float() first");
        }

        if (Rank == 0)
        {
            // A 0-d tensor is a row of one element: softmax 1, log_softmax 0 (as torch).
            ShapeUtil.WrapDim(dim, 0, op);
            return (Full([], log ? 0 : 1, DType), 0);
        }

        int d = ShapeUtil.WrapDim(dim, Rank, op);

        // Lay the dim out last and dense (a no-op for a contiguous tensor and the last dim), run the row kernel,
        // and put the dim back.
        var (rows, _, inner) = Reduction.AsRows(this, [d]);
        var result = Uninitialized([rows.Numel], DType);
        if (inner > 0)
        {
            if (DType == DType.Float32) ReduceKernels.Softmax<float>(rows.AsSpan<float>(), result.AsSpan<float>(), inner, log);
            else ReduceKernels.Softmax<double>(rows.AsSpan<double>(), result.AsSpan<double>(), inner, log);
        }

        return (ReduceKernels.FromRows(result, ShapeArray(), [d]), d);
    }
}
