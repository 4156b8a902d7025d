using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// Matrix products with torch.matmul's rules: 1-D vectors are promoted and the added dim removed again,
// batch dims broadcast.
public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product (<c>torch.matmul</c>): 1-D·1-D is a dot product, 2-D·2-D a matrix product, and
    /// higher ranks are batches of matrices whose batch dims broadcast.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        if (Rank == 0 || other.Rank == 0)
        {
            throw new ShapeException($"matmul: both arguments need at least 1 dim, got {ShapeString} @ {other.ShapeString}");
        }

        var dtype = DTypes.Promote(DType, other.DType);
        if (dtype == DType.Bool) dtype = DType.Int64;
        var a = Rank == 1 ? Unsqueeze(0) : this;
        var b = other.Rank == 1 ? other.Unsqueeze(1) : other;
        int m = a.Shape[^2], k = a.Shape[^1], k2 = b.Shape[^2], n = b.Shape[^1];
        if (k != k2)
        {
            throw new ShapeException($"matmul: {ShapeString} @ {other.ShapeString}: inner dims {k} != {k2}");
        }

        int[] batch = ShapeUtil.Broadcast(a.Shape[..^2], b.Shape[..^2], "matmul (batch dims)");
        var result = MatMulKernel.Compute(a.To(dtype), b.To(dtype), batch, m, k, n);

        // Remove the dims that promoting 1-D operands added.
        if (Rank == 1 && other.Rank == 1) result = result.Reshape([]);
        else if (Rank == 1) result = result.Squeeze(-2);
        else if (other.Rank == 1) result = result.Squeeze(-1);

        var (x, y) = (this, other);

        // C = A B  =>  dA = dC B^T, dB = A^T dC (in the promoted forms, then summed over broadcast batches).
        return Record(result.Detach(), "MatMulBackward", [x, y], [x, y], g =>
        {
            // Undo the 1-D promotion on the gradient too: it has the shape the product had before squeezing.
            var ga = g.Reshape([.. batch, m, n]);
            var a2 = x.Rank == 1 ? x.Unsqueeze(0) : x;
            var b2 = y.Rank == 1 ? y.Unsqueeze(1) : y;
            Tensor? dx = null, dy = null;
            // A gradient is produced in its operand's layout: for a transposed view (w.T in x.MatMul(w.T)) GEMM
            // computes the transposed product into a dense buffer, and the gradient is that buffer's transposed
            // view. The Transpose node then hands the weight a dense gradient again, not a strided one to copy.
            if (x.RequiresGrad)
            {
                dx = IsTransposedLayout(a2) ? b2.MatMul(ga.MT).MT : ga.MatMul(b2.MT);
                dx = x.Rank == 1 ? Autograd.BackwardEngine.SumToShape(dx, [1, x.Shape[0]], "matmul").Reshape(x.ShapeArray()) : dx;
            }

            if (y.RequiresGrad)
            {
                dy = IsTransposedLayout(b2) ? ga.MT.MatMul(a2).MT : a2.MT.MatMul(ga);
                dy = y.Rank == 1 ? Autograd.BackwardEngine.SumToShape(dy, [y.Shape[0], 1], "matmul").Reshape(y.ShapeArray()) : dy;
            }

            return [dx, dy];
        });
    }

    /// <summary>
    /// True for a matrix (or batch of matrices) stored column by column: the last two dims are a transposed view
    /// of a dense buffer (unit stride down the rows, not along them).
    /// </summary>
    private static bool IsTransposedLayout(Tensor t)
    {
        if (t.Rank < 2) return false;
        int rows = t._shape[^2], cols = t._shape[^1];
        return rows > 1 && cols > 1 && t._strides[^2] == 1 && t._strides[^1] >= rows;
    }

    /// <summary>Matrix product of two 2-D tensors (<c>torch.mm</c>), with a message naming both shapes.</summary>
    public Tensor Mm(Tensor other)
    {
        if (Rank != 2 || other.Rank != 2)
        {
            throw new ShapeException($"mm: expects two matrices, got {ShapeString} @ {other.ShapeString}");
        }

        return MatMul(other);
    }
}
