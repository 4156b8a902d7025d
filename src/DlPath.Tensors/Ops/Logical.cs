using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Logical ops (torch.logical_and, ...): any dtype is read as "nonzero = true"; results are bool. The operators
// & | ^ ! ~ are defined for bool tensors (masks), where they mean the same as the logical ops.
public sealed partial class Tensor
{
    /// <summary>Elementwise x AND y with broadcasting (<a href="https://pytorch.org/docs/stable/generated/torch.logical_and.html">torch.logical_and</a>).</summary>
    public Tensor LogicalAnd(Tensor other) => Logical(other, static (x, y) => x & y, "logical_and");

    /// <summary>Elementwise x OR y (<a href="https://pytorch.org/docs/stable/generated/torch.logical_or.html">torch.logical_or</a>).</summary>
    public Tensor LogicalOr(Tensor other) => Logical(other, static (x, y) => x | y, "logical_or");

    /// <summary>Elementwise x XOR y (<a href="https://pytorch.org/docs/stable/generated/torch.logical_xor.html">torch.logical_xor</a>).</summary>
    public Tensor LogicalXor(Tensor other) => Logical(other, static (x, y) => x ^ y, "logical_xor");

    /// <summary>Elementwise NOT x (<a href="https://pytorch.org/docs/stable/generated/torch.logical_not.html">torch.logical_not</a>): true where x is zero.</summary>
    public Tensor LogicalNot() => Elementwise.Map<bool, bool>(UnaryKernels.Dense(this, DType.Bool), static x => !x);

    /// <summary>True (a 0-d bool tensor) if any element is nonzero (<a href="https://pytorch.org/docs/stable/generated/torch.any.html">torch.any</a>).</summary>
    public Tensor Any() => Reduction.Rowwise<bool, bool>(UnaryKernels.Dense(this, DType.Bool), Reduction.NormalizeDims(null, Rank, "any"), false, static row => row.Contains(true));

    /// <summary>Whether any element is nonzero along a dim (bool).</summary>
    public Tensor Any(int dim, bool keepDim = false) => Rank == 0 ? Any() : Reduction.Rowwise<bool, bool>(UnaryKernels.Dense(this, DType.Bool), [ShapeUtil.WrapDim(dim, Rank, "any")], keepDim, static row => row.Contains(true));

    /// <summary>True (a 0-d bool tensor) if every element is nonzero (<a href="https://pytorch.org/docs/stable/generated/torch.all.html">torch.all</a>).</summary>
    public Tensor All() => Reduction.Rowwise<bool, bool>(UnaryKernels.Dense(this, DType.Bool), Reduction.NormalizeDims(null, Rank, "all"), false, static row => !row.Contains(false));

    /// <summary>Whether every element is nonzero along a dim (bool).</summary>
    public Tensor All(int dim, bool keepDim = false) => Rank == 0 ? All() : Reduction.Rowwise<bool, bool>(UnaryKernels.Dense(this, DType.Bool), [ShapeUtil.WrapDim(dim, Rank, "all")], keepDim, static row => !row.Contains(false));

    /// <summary>Mask AND mask (bool tensors only; use <see cref="LogicalAnd"/> for other dtypes).</summary>
    public static Tensor operator &(Tensor a, Tensor b) => BoolOperands(a, b, "&").LogicalAnd(b);

    /// <summary>Mask OR mask (bool tensors only).</summary>
    public static Tensor operator |(Tensor a, Tensor b) => BoolOperands(a, b, "|").LogicalOr(b);

    /// <summary>Mask XOR mask (bool tensors only).</summary>
    public static Tensor operator ^(Tensor a, Tensor b) => BoolOperands(a, b, "^").LogicalXor(b);

    /// <summary>NOT mask (bool tensors only), as <c>~mask</c> in PyTorch.</summary>
    public static Tensor operator !(Tensor a) => BoolOperands(a, a, "!").LogicalNot();

    /// <summary>NOT mask (bool tensors only), PyTorch's spelling <c>~mask</c>.</summary>
    public static Tensor operator ~(Tensor a) => BoolOperands(a, a, "~").LogicalNot();

    private Tensor Logical(Tensor other, Func<bool, bool, bool> f, string op) =>
        Elementwise.Zip(UnaryKernels.Dense(this, DType.Bool), UnaryKernels.Dense(other, DType.Bool), f, op);

    private static Tensor BoolOperands(Tensor a, Tensor b, string op)
    {
        if (a.DType != DType.Bool || b.DType != DType.Bool)
        {
            throw new InvalidOperationException(
                $"operator {op}: defined for bool tensors (masks), got {a.DType.Name()} {a.ShapeString}{(ReferenceEquals(a, b) ? string.Empty : $" and {b.DType.Name()} {b.ShapeString}")}; use LogicalAnd/LogicalOr/LogicalXor/LogicalNot, or compare first (x > 0)");
        }

        return a;
    }
}
