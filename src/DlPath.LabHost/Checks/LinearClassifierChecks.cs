using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 3, linear classifiers.</summary>
public sealed class LinearClassifierChecks : LabChecks
{
    private const int N = 8, D = 5, C = 4;

    /// <inheritdoc />
    public override string LabId => "linear-classifiers";

    /// <summary>Registers the checks.</summary>
    public LinearClassifierChecks()
    {
        Add("svm-naive", ctx => Naive(ctx, "LinearClassifiers.SvmLossNaive", SvmReference));
        Add("svm-vectorised", ctx => Vectorised(ctx, "LinearClassifiers.SvmLossVectorized", "LinearClassifiers.SvmLossNaive", SvmReference));
        Add("softmax-naive", ctx => Naive(ctx, "LinearClassifiers.SoftmaxLossNaive", SoftmaxReference));
        Add("softmax-vectorised", ctx => Vectorised(ctx, "LinearClassifiers.SoftmaxLossVectorized", "LinearClassifiers.SoftmaxLossNaive", SoftmaxReference));
        Add("softmax-init-loss", ctx =>
        {
            var (w, x, y) = Data(10, 3073 / 10, 10, seed: 5);
            w = w * 1e-4;
            var (loss, _) = ctx.Subject.Call<(double, Tensor)>("LinearClassifiers.SoftmaxLossVectorized", w, x, y, 0.0);
            double lnC = Math.Log(10);
            var message = $"loss {loss:G6} at initialisation, ln 10 = {lnC:G6}";
            if (double.IsNaN(loss) || double.IsInfinity(loss)) return CheckOutcome.Fail(message, "nan");
            return Math.Abs(loss - lnC) <= ctx.Tolerance
                ? new CheckOutcome { Passed = true, Message = message, RelativeError = Math.Abs(loss - lnC) / lnC }
                : CheckOutcome.Fail(message, Math.Abs(loss - (lnC * 10)) < ctx.Tolerance * 10 ? "scale:N" : null);
        });
    }

    private static Dictionary<string, double> Factors(int n) => new() { ["N"] = n, ["1"] = 1.0, ["-1"] = -1 };

    private static CheckOutcome Naive(CheckContext ctx, string method, Func<Tensor, Tensor, Tensor, double, Tensor> reference)
    {
        var (w, x, y) = Data(N, D, C, seed: 11);
        const double reg = 0.05;
        var (loss, dw) = ctx.Subject.Call<(double, Tensor)>(method, w, x, y, reg);
        var expectedLoss = reference(w, x, y, reg).Item();
        var lossCheck = Numeric.Compare("loss", loss, expectedLoss, ctx.Tolerance, Factors(N),
            [("offset:1", expectedLoss + 1)]);
        if (!lossCheck.Passed) return lossCheck;
        var numeric = Numeric.Gradient(() => ctx.Subject.Call<(double, Tensor)>(method, w, x, y, reg).Item1, w);
        var dataGrad = numeric - (2 * reg * w);
        return Numeric.Compare("dW", dw, numeric, ctx.Tolerance, Factors(N), [("reg-grad-factor", dataGrad + (reg * w))]);
    }

    private static CheckOutcome Vectorised(CheckContext ctx, string method, string naive, Func<Tensor, Tensor, Tensor, double, Tensor> reference)
    {
        var outcomes = new List<CheckOutcome>();
        foreach (var reg in new[] { 0.0, 0.05 })
        {
            var (w, x, y) = Data(N, D, C, seed: 12);
            var (loss, dw) = ctx.Subject.Call<(double, Tensor)>(method, w, x, y, reg);
            var expectedLoss = reference(w, x, y, reg).Item();
            var expectedDw = Numeric.Autograd(t => reference(t[0], x, y, reg), [w], Tensor.Scalar(1.0, DType.Float64))[0];
            outcomes.Add(Numeric.Compare("loss", loss, expectedLoss, ctx.Tolerance, Factors(N), [("offset:1", expectedLoss + 1)]));
            outcomes.Add(Numeric.Compare("dW", dw, expectedDw, ctx.Tolerance, Factors(N), [("reg-grad-factor", expectedDw - (reg * w))]));
            if (!outcomes[^1].Passed || !outcomes[^2].Passed) return CheckOutcome.All([.. outcomes]);
        }

        var (bw, bx, by) = Data(500, 64, 10, seed: 13);
        double naiveMs = Timing.BestMs(() => ctx.Subject.Call<(double, Tensor)>(naive, bw, bx, by, 0.01), 1);
        double vecMs = Timing.BestMs(() => ctx.Subject.Call<(double, Tensor)>(method, bw, bx, by, 0.01));
        return CheckOutcome.All([.. outcomes]) with { Timing = Timing.Report("naive", naiveMs, "vectorised", vecMs) + " (N=500, D=64, C=10)" };
    }

    private static (Tensor W, Tensor X, Tensor Y) Data(int n, int d, int c, ulong seed)
    {
        var w = Numeric.Randn(seed, d, c) * 0.5;
        var x = Numeric.Randn(seed + 100, n, d);
        var labels = new long[n];
        for (int i = 0; i < n; i++) labels[i] = ((i * 7) + 3) % c;
        return (w, x, Tensor.FromArray(labels, n));
    }

    /// <summary>The SVM loss with DlPath ops (autograd gives the reference dW).</summary>
    internal static Tensor SvmReference(Tensor w, Tensor x, Tensor y, double reg)
    {
        var scores = x.MatMul(w);
        var correct = scores.Gather(1, y.Unsqueeze(1));
        var notCorrect = 1.0 - y.OneHot(w.Size(1)).Double();
        var margins = (scores - correct + 1.0).ClampMin(0) * notCorrect;
        return (margins.Sum() / x.Size(0)) + (reg * (w * w).Sum());
    }

    /// <summary>The softmax loss with DlPath ops.</summary>
    internal static Tensor SoftmaxReference(Tensor w, Tensor x, Tensor y, double reg) =>
        -x.MatMul(w).LogSoftmax(1).Gather(1, y.Unsqueeze(1)).Mean() + (reg * (w * w).Sum());
}
