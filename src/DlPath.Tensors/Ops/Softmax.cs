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

        // y = softmax(x)  =>  dx = y * (g - sum(g * y)) along the dim (the Jacobian diag(y) - y y^T applied to g).
        return Record(y, "SoftmaxBackward", [this], [y], g => [y * (g - (g * y).Sum(d, keepDim: true))]);
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
        return Record(y, "LogSoftmaxBackward", [this], [y], g => [g - (y.Exp() * g.Sum(d, keepDim: true))]);
    }

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
