using System.Numerics;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;

namespace DlPath.NN;

/// <summary>
/// Softmax and cross-entropy in one pass over (N, C) logits with int64 targets: the training-loop case of
/// <see cref="Functional.CrossEntropy"/>. One forward kernel computes each row's log-sum-exp and loss; the backward
/// is the classic (softmax − one-hot) without building log_softmax, gather and their backward nodes.
/// </summary>
internal sealed class FusedCrossEntropy : Function<FusedCrossEntropy>
{
    /// <summary>Runs the fused loss. <paramref name="weight"/> (C) is optional; ignored rows count for nothing.</summary>
    public static Tensor Compute(Tensor logits, Tensor target, Tensor? weight, long ignoreIndex, Reduction reduction)
    {
        var ignore = Tensor.Scalar(ignoreIndex, DType.Int64);
        var mode = Tensor.Scalar((int)reduction, DType.Int64);
        return weight is null ? Apply(logits, target, ignore, mode) : Apply(logits, target, ignore, mode, weight.To(logits.DType));
    }

    /// <inheritdoc />
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var x = inputs[0].Contiguous();
        var target = inputs[1].ToArray<long>();
        long ignore = inputs[2].Item<long>();
        var reduction = (Reduction)inputs[3].Item<long>();
        double[]? w = inputs.Length > 4 ? inputs[4].ToArray<double>() : null;
        int n = x.Shape[0], c = x.Shape[1];
        var lse = new double[n];
        var rowLoss = new double[n];
        var rowWeight = new double[n];
        if (x.DType == DType.Float32) RowLosses(x.AsSpan<float>(), n, c, target, ignore, w, lse, rowLoss, rowWeight);
        else RowLosses(x.AsSpan<double>(), n, c, target, ignore, w, lse, rowLoss, rowWeight);

        double totalWeight = rowWeight.Sum();
        ctx.SaveForBackward(x);
        ctx.Items["lse"] = lse;
        ctx.Items["rowWeight"] = rowWeight;
        ctx.Items["target"] = target;
        ctx.Items["reduction"] = reduction;
        ctx.Items["totalWeight"] = totalWeight;
        ctx.Items["inputCount"] = inputs.Length;
        return reduction switch
        {
            Reduction.None => Tensor.FromArray(rowLoss).To(x.DType),
            Reduction.Sum => Tensor.Scalar(rowLoss.Sum(), x.DType),

            // torch: sum_i w[y_i] l_i / sum_i w[y_i]; NaN when every target is ignored.
            _ => Tensor.Scalar(rowLoss.Sum() / totalWeight, x.DType),
        };
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var x = ctx.SavedTensors[0];
        var grads = new Tensor?[(int)ctx.Items["inputCount"]];
        if (!ctx.NeedsInputGrad(0)) return grads;
        var lse = (double[])ctx.Items["lse"];
        var rowWeight = (double[])ctx.Items["rowWeight"];
        var target = (long[])ctx.Items["target"];
        var reduction = (Reduction)ctx.Items["reduction"];
        double totalWeight = (double)ctx.Items["totalWeight"];
        int n = x.Shape[0], c = x.Shape[1];

        // Upstream gradient of each row's loss: g_i (none), g (sum) or g / sum(w) (mean).
        var g = gradOutput.ToArray<double>();
        var scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            double gi = reduction == Reduction.None ? g[i] : reduction == Reduction.Sum ? g[0] : g[0] / totalWeight;
            scale[i] = gi * rowWeight[i];
        }

        var dx = Tensor.Zeros([n, c], x.DType);
        if (x.DType == DType.Float32) RowGrads(x.AsSpan<float>(), dx.AsSpan<float>(), n, c, target, lse, scale);
        else RowGrads(x.AsSpan<double>(), dx.AsSpan<double>(), n, c, target, lse, scale);
        grads[0] = dx;
        return grads;
    }

    // loss_i = w[y_i] * (logsumexp(x_i) - x_i[y_i]), with the row max subtracted before exp for stability.
    private static void RowLosses<T>(ReadOnlySpan<T> x, int n, int c, long[] target, long ignore, double[]? w, double[] lse, double[] loss, double[] rowWeight)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * c, c);
            double max = double.NegativeInfinity;
            for (int j = 0; j < c; j++) max = Math.Max(max, double.CreateChecked(row[j]));
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.Exp(double.CreateChecked(row[j]) - max);
            lse[i] = max + Math.Log(sum);
            long y = target[i];
            if (y == ignore) continue;
            rowWeight[i] = w is null ? 1 : w[y];
            loss[i] = rowWeight[i] * (lse[i] - double.CreateChecked(row[(int)y]));
        }
    }

    // d loss_i / d x_ij = w[y_i] * (softmax(x_i)_j - [j == y_i]), times the upstream scale; ignored rows get 0.
    private static void RowGrads<T>(ReadOnlySpan<T> x, Span<T> dx, int n, int c, long[] target, double[] lse, double[] scale)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            if (scale[i] == 0) continue;
            var row = x.Slice(i * c, c);
            var drow = dx.Slice(i * c, c);
            for (int j = 0; j < c; j++)
            {
                double p = Math.Exp(double.CreateChecked(row[j]) - lse[i]);
                drow[j] = T.CreateChecked(scale[i] * (p - (j == target[i] ? 1 : 0)));
            }
        }
    }
}
