using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Elementwise comparisons with broadcasting (torch.eq, torch.lt, ...): bool results, no gradient. Operands are
// compared in the dtype arithmetic would use (so int64 < 1.5 compares in float32, as torch). C#'s == and !=
// stay reference equality for tensors; use Eq and Ne. The operators < > <= >= compare elementwise.
public sealed partial class Tensor
{
    /// <summary>Elementwise x == y (<a href="https://pytorch.org/docs/stable/generated/torch.eq.html">torch.eq</a>).</summary>
    public Tensor Eq(Tensor other) => Compare<EqOp>(this, other, "eq");

    /// <summary>Elementwise x == value.</summary>
    public Tensor Eq(double value) => Compare<EqOp>(this, ScalarFor(this, value), "eq");

    /// <summary>Elementwise x != y (<a href="https://pytorch.org/docs/stable/generated/torch.ne.html">torch.ne</a>).</summary>
    public Tensor Ne(Tensor other) => Compare<NeOp>(this, other, "ne");

    /// <summary>Elementwise x != value.</summary>
    public Tensor Ne(double value) => Compare<NeOp>(this, ScalarFor(this, value), "ne");

    /// <summary>Elementwise x &lt; y (<a href="https://pytorch.org/docs/stable/generated/torch.lt.html">torch.lt</a>).</summary>
    public Tensor Lt(Tensor other) => Compare<LtOp>(this, other, "lt");

    /// <summary>Elementwise x &lt; value.</summary>
    public Tensor Lt(double value) => Compare<LtOp>(this, ScalarFor(this, value), "lt");

    /// <summary>Elementwise x &lt;= y (<a href="https://pytorch.org/docs/stable/generated/torch.le.html">torch.le</a>).</summary>
    public Tensor Le(Tensor other) => Compare<LeOp>(this, other, "le");

    /// <summary>Elementwise x &lt;= value.</summary>
    public Tensor Le(double value) => Compare<LeOp>(this, ScalarFor(this, value), "le");

    /// <summary>Elementwise x &gt; y (<a href="https://pytorch.org/docs/stable/generated/torch.gt.html">torch.gt</a>).</summary>
    public Tensor Gt(Tensor other) => Compare<GtOp>(this, other, "gt");

    /// <summary>Elementwise x &gt; value.</summary>
    public Tensor Gt(double value) => Compare<GtOp>(this, ScalarFor(this, value), "gt");

    /// <summary>Elementwise x &gt;= y (<a href="https://pytorch.org/docs/stable/generated/torch.ge.html">torch.ge</a>).</summary>
    public Tensor Ge(Tensor other) => Compare<GeOp>(this, other, "ge");

    /// <summary>Elementwise x &gt;= value.</summary>
    public Tensor Ge(double value) => Compare<GeOp>(this, ScalarFor(this, value), "ge");

    /// <summary>Elementwise x &lt; y.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);

    /// <summary>Elementwise x &gt; y.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);

    /// <summary>Elementwise x &lt;= y.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);

    /// <summary>Elementwise x &gt;= y.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);

    /// <summary>Elementwise x &lt; s.</summary>
    public static Tensor operator <(Tensor a, double s) => a.Lt(s);

    /// <summary>Elementwise x &gt; s.</summary>
    public static Tensor operator >(Tensor a, double s) => a.Gt(s);

    /// <summary>Elementwise x &lt;= s.</summary>
    public static Tensor operator <=(Tensor a, double s) => a.Le(s);

    /// <summary>Elementwise x &gt;= s.</summary>
    public static Tensor operator >=(Tensor a, double s) => a.Ge(s);

    /// <summary>Elementwise s &lt; x.</summary>
    public static Tensor operator <(double s, Tensor a) => a.Gt(s);

    /// <summary>Elementwise s &gt; x.</summary>
    public static Tensor operator >(double s, Tensor a) => a.Lt(s);

    /// <summary>Elementwise s &lt;= x.</summary>
    public static Tensor operator <=(double s, Tensor a) => a.Ge(s);

    /// <summary>Elementwise s &gt;= x.</summary>
    public static Tensor operator >=(double s, Tensor a) => a.Le(s);

    private static Tensor Compare<TOp>(Tensor a, Tensor b, string op)
        where TOp : ICompareOp => CompareKernels.Compare<TOp>(a, b, ArithmeticType(a, b), op);
}
