using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 8, convolution, max pooling, spatial batch normalisation. References use DlPath's Unfold (im2col).</summary>
public sealed class CnnChecks : LabChecks
{
    private const double Eps = 1e-5;

    /// <inheritdoc />
    public override string LabId => "cnn";

    /// <summary>Registers the checks.</summary>
    public CnnChecks()
    {
        Add("conv-forward", ctx =>
        {
            // cs231n's conv_forward_naive test inputs.
            var x = Numeric.Linspace(-0.1, 0.5, 2, 3, 4, 4);
            var w = Numeric.Linspace(-0.2, 0.3, 3, 3, 4, 4);
            var b = Numeric.Linspace(-0.1, 0.2, 3);
            var yours = ctx.Subject.Call<Tensor>("Conv.ForwardNaive", x, w, b, 2, 1);
            var flipped = Flip(w);
            return Numeric.Compare("out", yours, ConvReference(x, w, b, 2, 1), ctx.Tolerance,
                alternatives: [("flipped-kernel", ConvReference(x, flipped, b, 2, 1)), ("no-bias", ConvReference(x, w, b * 0, 2, 1))]);
        });

        Add("conv-backward", ctx =>
        {
            var x = Numeric.Randn(1, 2, 3, 5, 5);
            var w = Numeric.Randn(2, 2, 3, 3, 3);
            var b = Numeric.Randn(3, 2);
            var dout = Numeric.Randn(4, 2, 2, 5, 5);
            var (dx, dw, db) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("Conv.BackwardNaive", dout, x, w, b, 1, 1);
            Tensor F() => ctx.Subject.Call<Tensor>("Conv.ForwardNaive", x, w, b, 1, 1);
            return CheckOutcome.All(
                Numeric.Compare("db", db, Numeric.Gradient(F, b, dout), ctx.Tolerance),
                Numeric.Compare("dw", dw, Numeric.Gradient(F, w, dout), ctx.Tolerance),
                Numeric.Compare("dx", dx, Numeric.Gradient(F, x, dout), ctx.Tolerance));
        });

        Add("maxpool-forward", ctx =>
        {
            var x = Numeric.Randn(5, 2, 3, 4, 4);
            var yours = ctx.Subject.Call<Tensor>("MaxPool.ForwardNaive", x, 2, 2, 2);
            return Numeric.Compare("out", yours, PoolReference(x, 2, 2, max: true), ctx.Tolerance,
                alternatives: [("avg-pool", PoolReference(x, 2, 2, max: false))]);
        });

        Add("maxpool-backward", ctx =>
        {
            var x = Numeric.Randn(6, 3, 2, 8, 8);
            var dout = Numeric.Randn(7, 3, 2, 4, 4);
            var dx = ctx.Subject.Call<Tensor>("MaxPool.BackwardNaive", dout, x, 2, 2, 2);
            var numeric = Numeric.Gradient(() => ctx.Subject.Call<Tensor>("MaxPool.ForwardNaive", x, 2, 2, 2), x, dout);
            var spread = Numeric.Autograd(t => PoolReference(t[0], 2, 2, max: false), [x], dout)[0] * 4;
            return Numeric.Compare("dx", dx, numeric, ctx.Tolerance, alternatives: [("spread-to-window", spread), ("spread-to-window", spread / 4)]);
        });

        Add("spatial-bn-forward", ctx =>
        {
            var x = (Numeric.Randn(8, 4, 3, 5, 6) * 3) + 2;
            var gamma = Numeric.Linspace(0.5, 1.5, 3);
            var beta = Numeric.Linspace(-0.5, 0.5, 3);
            var (output, _) = ctx.Subject.Call<(Tensor, object)>("SpatialBatchNorm.ForwardTrain", x, gamma, beta, Eps);
            var g = gamma.Reshape(1, 3, 1, 1);
            var bt = beta.Reshape(1, 3, 1, 1);
            return Numeric.Compare("out", output, (Normalise(x, [0, 2, 3]) * g) + bt, ctx.Tolerance,
                alternatives: [("wrong-axis", (Normalise(x, [0]) * g) + bt)]);
        });

        Add("spatial-bn-gradcheck", ctx =>
        {
            var x = (Numeric.Randn(9, 2, 3, 4, 5) * 2) + 1;
            var gamma = Numeric.Linspace(0.5, 1.5, 3);
            var beta = Numeric.Linspace(-0.5, 0.5, 3);
            var dout = Numeric.Randn(10, 2, 3, 4, 5);
            Tensor F() => ctx.Subject.Call<(Tensor, object)>("SpatialBatchNorm.ForwardTrain", x, gamma, beta, Eps).Item1;
            var cache = ctx.Subject.Call<(Tensor, object)>("SpatialBatchNorm.ForwardTrain", x, gamma, beta, Eps).Item2;
            var (dx, dgamma, dbeta) = ctx.Subject.Call<(Tensor, Tensor, Tensor)>("SpatialBatchNorm.Backward", dout, cache);
            return CheckOutcome.All(
                Numeric.Compare("dbeta", dbeta, Numeric.Gradient(F, beta, dout), ctx.Tolerance),
                Numeric.Compare("dgamma", dgamma, Numeric.Gradient(F, gamma, dout), ctx.Tolerance),
                Numeric.Compare("dx", dx, Numeric.Gradient(F, x, dout), ctx.Tolerance));
        });
    }

    /// <summary>Convolution as im2col: Unfold to (N, C*HH*WW, L), multiply by the (F, C*HH*WW) filters.</summary>
    internal static Tensor ConvReference(Tensor x, Tensor w, Tensor b, int stride, int pad)
    {
        int n = x.Size(0), f = w.Size(0), hh = w.Size(2), ww = w.Size(3);
        int ho = 1 + ((x.Size(2) + (2 * pad) - hh) / stride), wo = 1 + ((x.Size(3) + (2 * pad) - ww) / stride);
        var cols = x.Unfold([hh, ww], null, [pad, pad], [stride, stride]);          // (N, K, L)
        var outCols = cols.Transpose(1, 2).MatMul(w.Reshape(f, -1).Transpose(0, 1)); // (N, L, F)
        return (outCols.Transpose(1, 2) + b.Reshape(1, f, 1)).Reshape(n, f, ho, wo);
    }

    private static Tensor PoolReference(Tensor x, int size, int stride, bool max)
    {
        int n = x.Size(0), c = x.Size(1);
        int ho = 1 + ((x.Size(2) - size) / stride), wo = 1 + ((x.Size(3) - size) / stride);
        var cols = x.Reshape(n * c, 1, x.Size(2), x.Size(3)).Unfold([size, size], null, null, [stride, stride]); // (N*C, size*size, L)
        var pooled = max ? cols.Amax(1) : cols.Mean(1);
        return pooled.Reshape(n, c, ho, wo);
    }

    private static Tensor Flip(Tensor w)
    {
        var a = w.Contiguous().ToArray<double>();
        int f = w.Size(0), c = w.Size(1), hh = w.Size(2), ww = w.Size(3);
        var r = new double[a.Length];
        for (int i = 0; i < f * c; i++)
        {
            for (int di = 0; di < hh; di++)
            {
                for (int dj = 0; dj < ww; dj++) r[(((i * hh) + di) * ww) + dj] = a[(((i * hh) + (hh - 1 - di)) * ww) + (ww - 1 - dj)];
            }
        }

        return Tensor.FromArray(r, w.ShapeArray());
    }

    private static Tensor Normalise(Tensor x, int[] dims) =>
        (x - x.Mean(dims, keepDim: true)) / (x.Var(dims, unbiased: false, keepDim: true) + Eps).Sqrt();
}
