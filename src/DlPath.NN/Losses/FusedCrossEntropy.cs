using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using DlPath.Tensors;
using DlPath.Tensors.Autograd;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace DlPath.NN;

/// <summary>
/// Softmax and cross-entropy in one pass over (N, C) logits with int64 targets: the training-loop case of
/// <see cref="Functional.CrossEntropy"/>. The forward finds each row's log-sum-exp and loss with one vectorised exp
/// over the whole batch; the backward is the classic (softmax − one-hot), again one vectorised exp, without building
/// log_softmax, gather and their backward nodes. <see cref="RowLossesReference{T}"/> and
/// <see cref="RowGradsReference{T}"/> are the readable twins (plain loops in double) the kernels are tested against.
/// </summary>
internal sealed class FusedCrossEntropy : Function<FusedCrossEntropy>
{
    private long _ignoreIndex;
    private Reduction _reduction;

    // What the backward needs besides the saved logits and targets.
    private int _inputCount;
    private double[] _lse = [];
    private double[] _rowWeight = [];
    private double _totalWeight;

    /// <summary>Runs the fused loss. <paramref name="weight"/> (C) is optional; ignored rows count for nothing.</summary>
    public static Tensor Compute(Tensor logits, Tensor target, Tensor? weight, long ignoreIndex, Reduction reduction)
    {
        // The options live on the instance, so no scalar tensors are made (and read back) to carry them.
        var fn = new FusedCrossEntropy { _ignoreIndex = ignoreIndex, _reduction = reduction };
        return weight is null ? fn.Invoke(logits, target) : fn.Invoke(logits, target, weight.To(logits.DType));
    }

    /// <inheritdoc />
    public override Tensor Forward(FunctionContext ctx, params Tensor[] inputs)
    {
        var x = inputs[0].Contiguous();
        var target = inputs[1].Contiguous();
        double[]? w = inputs.Length > 2 ? inputs[2].ToArray<double>() : null;
        int n = x.Shape[0], c = x.Shape[1];
        _inputCount = inputs.Length;
        _lse = new double[n];
        _rowWeight = new double[n];
        double[]? rowLoss = _reduction == Reduction.None ? new double[n] : null;
        double lossSum = x.DType == DType.Float32
            ? RowLosses(x.AsSpan<float>(), n, c, target.AsSpan<long>(), _ignoreIndex, w, _lse, rowLoss, _rowWeight)
            : RowLosses(x.AsSpan<double>(), n, c, target.AsSpan<long>(), _ignoreIndex, w, _lse, rowLoss, _rowWeight);

        _totalWeight = 0;
        foreach (double rw in _rowWeight) _totalWeight += rw;
        ctx.SaveForBackward(x, target);
        return _reduction switch
        {
            Reduction.None => Tensor.FromArray(rowLoss!).To(x.DType),
            Reduction.Sum => Tensor.Scalar(lossSum, x.DType),

            // torch: sum_i w[y_i] l_i / sum_i w[y_i]; NaN when every target is ignored.
            _ => Tensor.Scalar(lossSum / _totalWeight, x.DType),
        };
    }

    /// <inheritdoc />
    public override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
    {
        var grads = new Tensor?[_inputCount];
        if (!ctx.NeedsInputGrad(0)) return grads;
        var x = ctx.SavedTensors[0];
        var target = ctx.SavedTensors[1];
        int n = x.Shape[0], c = x.Shape[1];

        // Upstream gradient of each row's loss: g_i (none), g (sum) or g / sum(w) (mean), times the row's weight.
        var scale = new double[n];
        if (_reduction == Reduction.None)
        {
            var g = gradOutput.ToArray<double>();
            for (int i = 0; i < n; i++) scale[i] = g[i] * _rowWeight[i];
        }
        else
        {
            double g = gradOutput.Item();
            if (_reduction == Reduction.Mean) g /= _totalWeight;
            for (int i = 0; i < n; i++) scale[i] = g * _rowWeight[i];
        }

        var dx = Tensor.Zeros([n, c], x.DType);
        if (x.DType == DType.Float32) RowGrads(x.AsSpan<float>(), dx.AsSpan<float>(), n, c, target.AsSpan<long>(), _lse, scale);
        else RowGrads(x.AsSpan<double>(), dx.AsSpan<double>(), n, c, target.AsSpan<long>(), _lse, scale);
        grads[0] = dx;
        return grads;
    }

    /// <summary>
    /// loss_i = w[y_i]·(logsumexp(x_i) − x_i[y_i]) for every row of x (N, C); returns Σ_i loss_i. Each row's max is
    /// subtracted before exp (so exp cannot overflow), then one exp runs over the whole (N, C) batch: a row of 10
    /// classes is shorter than one Vector512 of float. Ignored rows get weight 0 (and their lse all the same).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double RowLosses<T>(ReadOnlySpan<T> x, int n, int c, ReadOnlySpan<long> target, long ignore, double[]? w, double[] lse, double[]? loss, double[] rowWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return 0;
        var rented = ArrayPool<T>.Shared.Rent(n * c);
        var e = rented.AsSpan(0, n * c);
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * c, c);
            T max = c == 0 ? T.NegativeInfinity : TensorPrimitives.Max(row);
            lse[i] = double.CreateTruncating(max);
            TensorPrimitives.Subtract(row, max, e.Slice(i * c, c));
        }

        TensorPrimitives.Exp(e, e);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            lse[i] += Math.Log(double.CreateTruncating(TensorPrimitives.Sum<T>(e.Slice(i * c, c))));
            long y = target[i];
            if (y == ignore) continue;
            rowWeight[i] = w is null ? 1 : w[y];
            double li = rowWeight[i] * (lse[i] - double.CreateTruncating(x[(i * c) + (int)y]));
            if (loss is not null) loss[i] = li;
            total += li;
        }

        ArrayPool<T>.Shared.Return(rented);
        return total;
    }

    /// <summary>
    /// d loss_i / d x_ij = scale_i·(softmax(x_i)_j − [j == y_i]), with softmax(x_i)_j = exp(x_ij − lse_i) taken by
    /// one vectorised exp over the batch; rows with scale 0 (ignored targets) stay 0. dx must start zeroed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RowGrads<T>(ReadOnlySpan<T> x, Span<T> dx, int n, int c, ReadOnlySpan<long> target, double[] lse, double[] scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            if (scale[i] != 0) TensorPrimitives.Subtract(x.Slice(i * c, c), T.CreateTruncating(lse[i]), dx.Slice(i * c, c));
        }

        TensorPrimitives.Exp(dx, dx);
        for (int i = 0; i < n; i++)
        {
            var d = dx.Slice(i * c, c);
            if (scale[i] == 0)
            {
                d.Clear();
                continue;
            }

            T s = T.CreateTruncating(scale[i]);
            TensorPrimitives.Multiply(d, s, d);
            d[(int)target[i]] -= s;
        }
    }

    /// <summary>The readable twin of <see cref="RowLosses{T}"/>: each row's max, sum of exps and loss in double.</summary>
    internal static double RowLossesReference<T>(ReadOnlySpan<T> x, int n, int c, ReadOnlySpan<long> target, long ignore, double[]? w, double[] lse, double[]? loss, double[] rowWeight)
        where T : IFloatingPointIeee754<T>
    {
        double total = 0;
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
            double li = rowWeight[i] * (lse[i] - double.CreateChecked(row[(int)y]));
            if (loss is not null) loss[i] = li;
            total += li;
        }

        return total;
    }

    /// <summary>The readable twin of <see cref="RowGrads{T}"/>: softmax minus one-hot, element by element in double.</summary>
    internal static void RowGradsReference<T>(ReadOnlySpan<T> x, Span<T> dx, int n, int c, ReadOnlySpan<long> target, double[] lse, double[] scale)
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
