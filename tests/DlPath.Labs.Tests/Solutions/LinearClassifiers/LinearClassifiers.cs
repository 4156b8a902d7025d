using DlPath.Tensors;

namespace Labs.LinearClassifiers;

/// <summary>Reference solution of lab 3 (tests only).</summary>
public static class LinearClassifiers
{
    public static (double Loss, Tensor DW) SvmLossNaive(Tensor w, Tensor x, Tensor y, double reg) =>
        SvmNaiveCore(w, x, y, reg, skipCorrect: true);

    internal static (double Loss, Tensor DW) SvmNaiveCore(Tensor w, Tensor x, Tensor y, double reg, bool skipCorrect)
    {
        int n = x.Size(0), d = x.Size(1), c = w.Size(1);
        var xs = x.Contiguous().ToArray<double>();
        var ws = w.Contiguous().ToArray<double>();
        var ys = y.ToArray<long>();
        var dw = new double[d * c];
        double loss = 0;
        var scores = new double[c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                scores[j] = 0;
                for (int k = 0; k < d; k++) scores[j] += xs[(i * d) + k] * ws[(k * c) + j];
            }

            int yi = (int)ys[i];
            for (int j = 0; j < c; j++)
            {
                if (skipCorrect && j == yi) continue;
                double margin = scores[j] - scores[yi] + 1;
                if (margin <= 0) continue;
                loss += margin;
                for (int k = 0; k < d; k++)
                {
                    dw[(k * c) + j] += xs[(i * d) + k];
                    dw[(k * c) + yi] -= xs[(i * d) + k];
                }
            }
        }

        var grad = (Tensor.FromArray(dw, d, c) / n) + (2 * reg * w);
        return ((loss / n) + (reg * (w * w).Sum().Item()), grad);
    }

    public static (double Loss, Tensor DW) SvmLossVectorized(Tensor w, Tensor x, Tensor y, double reg)
    {
        int n = x.Size(0), c = w.Size(1);
        var scores = x.MatMul(w);
        var correct = scores.Gather(1, y.Unsqueeze(1));
        var onehot = y.OneHot(c).Double();
        var margins = (scores - correct + 1.0).ClampMin(0) * (1.0 - onehot);
        double loss = (margins.Sum().Item() / n) + (reg * (w * w).Sum().Item());
        var positive = margins.Gt(0).Double();
        var g = positive - (onehot * positive.Sum(1, keepDim: true));
        return (loss, (x.Transpose(0, 1).MatMul(g) / n) + (2 * reg * w));
    }

    public static (double Loss, Tensor DW) SoftmaxLossNaive(Tensor w, Tensor x, Tensor y, double reg) =>
        SoftmaxNaiveCore(w, x, y, reg, subtractOne: true);

    internal static (double Loss, Tensor DW) SoftmaxNaiveCore(Tensor w, Tensor x, Tensor y, double reg, bool subtractOne)
    {
        int n = x.Size(0), d = x.Size(1), c = w.Size(1);
        var xs = x.Contiguous().ToArray<double>();
        var ws = w.Contiguous().ToArray<double>();
        var ys = y.ToArray<long>();
        var dw = new double[d * c];
        double loss = 0;
        var p = new double[c];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
            {
                p[j] = 0;
                for (int k = 0; k < d; k++) p[j] += xs[(i * d) + k] * ws[(k * c) + j];
                max = Math.Max(max, p[j]);
            }

            double sum = 0;
            for (int j = 0; j < c; j++) sum += p[j] = Math.Exp(p[j] - max);
            for (int j = 0; j < c; j++) p[j] /= sum;
            int yi = (int)ys[i];
            loss -= Math.Log(p[yi]);
            for (int j = 0; j < c; j++)
            {
                double coeff = p[j] - (subtractOne && j == yi ? 1 : 0);
                for (int k = 0; k < d; k++) dw[(k * c) + j] += xs[(i * d) + k] * coeff;
            }
        }

        return ((loss / n) + (reg * (w * w).Sum().Item()), (Tensor.FromArray(dw, d, c) / n) + (2 * reg * w));
    }

    public static (double Loss, Tensor DW) SoftmaxLossVectorized(Tensor w, Tensor x, Tensor y, double reg) =>
        SoftmaxVectorizedCore(w, x, y, reg, x.Size(0));

    internal static (double Loss, Tensor DW) SoftmaxVectorizedCore(Tensor w, Tensor x, Tensor y, double reg, double divisor)
    {
        var scores = x.MatMul(w);
        var p = (scores - scores.Amax(1, keepDim: true)).Softmax(1);
        var onehot = y.OneHot(w.Size(1)).Double();
        double loss = (-(p.Gather(1, y.Unsqueeze(1)).Log().Sum().Item()) / divisor) + (reg * (w * w).Sum().Item());
        return (loss, (x.Transpose(0, 1).MatMul(p - onehot) / divisor) + (2 * reg * w));
    }
}
