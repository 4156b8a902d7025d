using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Elementwise selection: Minimum, Maximum (torch.minimum / torch.maximum) and Where (torch.where).
public sealed partial class Tensor
{
    /// <summary>
    /// Elementwise larger of x and y with broadcasting, NaN if either is NaN
    /// (<a href="https://pytorch.org/docs/stable/generated/torch.maximum.html">torch.maximum</a>). The gradient
    /// goes to the larger input; on a tie each gets half, as in torch.
    /// </summary>
    public Tensor Maximum(Tensor other)
    {
        if (DType == DType.Bool && other.DType == DType.Bool) return LogicalOr(other);
        var y = Elementwise.Binary<MaxOp>(Detach(), other.Detach(), ArithmeticType(this, other), "maximum");
        var (a, b) = (this, other);

        // d max(a, b) = da where a > b, db where b > a, (da + db) / 2 where a == b.
        return Record(y, "MaximumBackward", [a, b], [a, b], g => SplitTies(g, a, b, a.Gt(b), b.Gt(a)));
    }

    /// <summary>
    /// Elementwise smaller of x and y with broadcasting (<a href="https://pytorch.org/docs/stable/generated/torch.minimum.html">torch.minimum</a>);
    /// gradient to the smaller input, halves on ties.
    /// </summary>
    public Tensor Minimum(Tensor other)
    {
        if (DType == DType.Bool && other.DType == DType.Bool) return LogicalAnd(other);
        var y = Elementwise.Binary<MinOp>(Detach(), other.Detach(), ArithmeticType(this, other), "minimum");
        var (a, b) = (this, other);
        return Record(y, "MinimumBackward", [a, b], [a, b], g => SplitTies(g, a, b, a.Lt(b), b.Lt(a)));
    }

    /// <summary>Elementwise larger of x and y: the two-tensor form <c>torch.max(x, y)</c>, the same as <see cref="Maximum"/>.</summary>
    public Tensor Max(Tensor other) => Maximum(other);

    /// <summary>Elementwise smaller of x and y: <c>torch.min(x, y)</c>, the same as <see cref="Minimum"/>.</summary>
    public Tensor Min(Tensor other) => Minimum(other);

    // Gradients of an elementwise max/min: the whole g to the selected side, g / 2 to each side on a tie.
    private static Tensor?[] SplitTies(Tensor g, Tensor a, Tensor b, Tensor aWins, Tensor bWins)
    {
        var tie = a.Eq(b);
        var half = g * 0.5;
        var zero = ZerosLike(g);
        return
        [
            a.RequiresGrad ? Where(aWins, g, Where(tie, half, zero)) : null,
            b.RequiresGrad ? Where(bWins, g, Where(tie, half, zero)) : null,
        ];
    }

    /// <summary>
    /// Picks x where <paramref name="condition"/> is true and y elsewhere, broadcasting all three
    /// (<a href="https://pytorch.org/docs/stable/generated/torch.where.html">torch.where</a>). The condition must be bool;
    /// x and y are promoted to a common dtype. Gradients flow to the picked side only.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        if (condition.DType != DType.Bool)
        {
            throw new InvalidOperationException($"where: the condition must be a bool tensor, got {condition.DType.Name()} {condition.ShapeString}; compare first (e.g. x.Gt(0)) or convert with To(DType.Bool)");
        }

        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.Shape, x.Shape, "where"), y.Shape, "where");
        var dtype = x.DType == DType.Bool && y.DType == DType.Bool ? DType.Bool : ArithmeticType(x, y);
        var result = dtype switch
        {
            DType.Float32 => WhereKernel<float>(condition, x, y, shape, dtype),
            DType.Float64 => WhereKernel<double>(condition, x, y, shape, dtype),
            DType.Int64 => WhereKernel<long>(condition, x, y, shape, dtype),
            _ => WhereKernel<bool>(condition, x, y, shape, dtype),
        };
        if (!dtype.IsFloatingPoint()) return result;
        var c = condition;

        // d/dx = 1 where the condition holds, d/dy = 1 elsewhere.
        return Record(result, "WhereBackward", [x, y], [c], g =>
        {
            var zero = ZerosLike(g);
            return [x.RequiresGrad ? Where(c, g, zero) : null, y.RequiresGrad ? Where(c, zero, g) : null];
        });
    }

    /// <summary>Where with a number for the false branch (<c>torch.where(cond, x, 0.0)</c>).</summary>
    public static Tensor Where(Tensor condition, Tensor x, double y) => Where(condition, x, ScalarFor(x, y));

    /// <summary>Where with a number for the true branch.</summary>
    public static Tensor Where(Tensor condition, double x, Tensor y) => Where(condition, ScalarFor(y, x), y);

    // out[i] = cond[i] ? x[i] : y[i] over the broadcast shape (all three expanded, then read densely).
    private static Tensor WhereKernel<T>(Tensor condition, Tensor x, Tensor y, int[] shape, DType dtype)
    {
        var c = UnaryKernels.Dense(condition.Expand(shape), DType.Bool).AsSpan<bool>();
        var xs = UnaryKernels.Dense(UnaryKernels.Dense(x, dtype).Expand(shape), dtype).AsSpan<T>();
        var ys = UnaryKernels.Dense(UnaryKernels.Dense(y, dtype).Expand(shape), dtype).AsSpan<T>();
        var result = Empty<T>(shape);
        var d = result.AsSpan<T>();
        for (int i = 0; i < d.Length; i++) d[i] = c[i] ? xs[i] : ys[i];
        return result;
    }
}
