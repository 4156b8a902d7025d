using System.Numerics;
using DlPath.Tensors.Kernels;

namespace DlPath.Tensors;

// The fully connected layer as one fused op: y = x·Wᵀ + b is a single GEMM with the bias broadcast into the
// output first, and the backward writes dW straight into an (out, in) tensor, instead of a MatMul against a
// transposed view, a broadcast add and their three backward nodes.
public sealed partial class Tensor
{
    /// <summary>
    /// Applies an affine map to the last dim (<c>torch.nn.functional.linear</c>,
    /// https://pytorch.org/docs/stable/generated/torch.nn.functional.linear.html): y = x·Wᵀ + b.
    /// input (*, in), weight (out, in), bias (out) or null → (*, out). Differentiable in all three.
    /// </summary>
    /// <remarks>
    /// float32 and float64 tensors of one dtype with a 1-D bias run the fused kernel; any other combination
    /// (integer dtypes, mixed dtypes, a bias that only broadcasts) runs <see cref="LinearReference"/>, with the
    /// same results.
    /// </remarks>
    /// <param name="input">(*, in): any number of leading dims, or a single sample (in).</param>
    /// <param name="weight">(out, in).</param>
    /// <param name="bias">(out), or null for none.</param>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        CheckLinearShapes(input, weight);
        int outF = weight.Shape[0], inF = weight.Shape[1];
        bool fused = input.DType is DType.Float32 or DType.Float64
            && weight.DType == input.DType
            && (bias is null || (bias.DType == input.DType && bias.Rank == 1 && bias.Shape[0] == outF));
        if (!fused) return LinearReference(input, weight, bias);

        // x: (M, in) with M the product of the leading dims; y: (M, out) in the output's (*, out) shape.
        var x = input.Contiguous();
        var w = weight.Contiguous();
        int[] outShape = [.. input._shape.AsSpan(0, input.Rank - 1), outF];
        int m = ShapeUtil.Numel(input._shape.AsSpan(0, input.Rank - 1));
        var y = Uninitialized(outShape, input.DType);
        if (input.DType == DType.Float32) LinearForward<float>(x, w, bias, y, m, inF, outF);
        else LinearForward<double>(x, w, bias, y, m, inF, outF);

        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Record(y, "LinearBackward", inputs, [x, w], grad =>
        {
            // y = x Wᵀ + b  =>  dx = dy W (M, in), dW = dyᵀ x (out, in), db = Σ_rows dy (out).
            var dy = grad.Contiguous();
            var dx = input.RequiresGrad ? Uninitialized(input.ShapeArray(), input.DType) : null;
            var dw = weight.RequiresGrad ? Uninitialized([outF, inF], weight.DType) : null;
            var db = bias is not null && bias.RequiresGrad ? Uninitialized([outF], bias.DType) : null;
            if (dy.DType == DType.Float32) LinearBackward<float>(x, w, dy, dx, dw, db, m, inF, outF);
            else LinearBackward<double>(x, w, dy, dx, dw, db, m, inF, outF);
            return bias is null ? [dx, dw] : [dx, dw, db];
        });
    }

    /// <summary>
    /// The readable twin of <see cref="Linear"/>: <c>input.MatMul(weight.T) + bias</c> as graph ops, the formulation
    /// the fused op is tested against (and the path for dtypes the fused kernel does not cover).
    /// </summary>
    internal static Tensor LinearReference(Tensor input, Tensor weight, Tensor? bias = null)
    {
        CheckLinearShapes(input, weight);
        var y = input.MatMul(weight.T);
        return bias is null ? y : y + bias;
    }

    private static void CheckLinearShapes(Tensor input, Tensor weight)
    {
        if (weight.Rank != 2) throw new ShapeException($"linear: weight must be 2-D (out_features, in_features), got {weight.ShapeString}");
        if (input.Rank == 0 || input.Shape[^1] != weight.Shape[1])
        {
            throw new ShapeException($"linear: input {input.ShapeString} has {(input.Rank == 0 ? 0 : input.Shape[^1])} features in its last dim, but the weight {weight.ShapeString} expects in_features={weight.Shape[1]}");
        }
    }

    // y (M, out) = b broadcast over the rows, then += x (M, in) · Wᵀ in one GEMM with beta = 1 (beta = 0 without bias).
    private static void LinearForward<T>(Tensor x, Tensor w, Tensor? bias, Tensor y, int m, int inF, int outF)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ys = y.Data<T>().AsSpan(0, y.Numel);
        if (ys.Length == 0) return;
        T beta = T.Zero;
        if (bias is not null)
        {
            var bs = bias.Contiguous().AsSpan<T>();
            for (int i = 0; i < m; i++) bs.CopyTo(ys.Slice(i * outF, outF));
            beta = T.One;
        }

        Multiply(false, true, m, outF, inF, x.AsSpan<T>(), inF, w.AsSpan<T>(), inF, beta, ys, outF);
    }

    private static void LinearBackward<T>(Tensor x, Tensor w, Tensor dy, Tensor? dx, Tensor? dw, Tensor? db, int m, int inF, int outF)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = dy.AsSpan<T>();

        // dx (M, in) = dy (M, out) · W (out, in)
        if (dx is not null && dx.Numel > 0) Multiply(false, false, m, inF, outF, g, outF, w.AsSpan<T>(), inF, T.Zero, dx.AsSpan<T>(), inF);

        // dW (out, in) = dyᵀ · x: GEMM reads dy (M, out) transposed in place, and writes the (out, in) layout the
        // weight has, so the gradient needs no transposed copy on its way to the leaf.
        if (dw is not null && dw.Numel > 0) Multiply(true, false, outF, inF, m, g, outF, x.AsSpan<T>(), inF, T.Zero, dw.AsSpan<T>(), inF);

        // db (out) = column sums of dy.
        if (db is not null) ReduceKernels.SumColumns(g, m, outF, db.AsSpan<T>());
    }

    private static void Multiply<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Leading dims of empty operands still have to be at least 1 for GEMM's checks.
        lda = Math.Max(lda, 1);
        ldb = Math.Max(ldb, 1);
        ldc = Math.Max(ldc, 1);
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(transA, transB, m, n, k, 1f, Cast<T, float>(a), lda, Cast<T, float>(b), ldb, float.CreateTruncating(beta), Cast<T, float>(c), ldc);
        }
        else
        {
            Gemm.Multiply(transA, transB, m, n, k, 1.0, Cast<T, double>(a), lda, Cast<T, double>(b), ldb, double.CreateTruncating(beta), Cast<T, double>(c), ldc);
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> s)
        where TFrom : struct
        where TTo : struct => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> s)
        where TFrom : struct
        where TTo : struct => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);
}
