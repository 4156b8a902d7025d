using DlPath.Tensors;

namespace DlPath.LabHost.Checks;

/// <summary>Lab 1, tensors warm-up.</summary>
public sealed class TensorsChecks : LabChecks
{
    /// <inheritdoc />
    public override string LabId => "tensors";

    /// <summary>Registers the checks.</summary>
    public TensorsChecks()
    {
        Add("distances-vectorised", ctx =>
        {
            var a = Numeric.Randn(1, 60, 16);
            var b = Numeric.Randn(2, 80, 16);
            var reference = Reference(a, b);
            var yours = ctx.Subject.Call<Tensor>("Warmup.PairwiseDistances", a, b);
            var outcome = Numeric.Compare("distances", yours, reference, ctx.Tolerance,
                alternatives: [("no-sqrt", reference * reference)]);
            if (!outcome.Passed) return outcome;
            double loops = Timing.BestMs(() => ctx.Subject.Call<Tensor>("Warmup.PairwiseDistancesLoops", a, b), 1);
            double vec = Timing.BestMs(() => ctx.Subject.Call<Tensor>("Warmup.PairwiseDistances", a, b));
            return outcome with { Timing = Timing.Report("loops", loops, "vectorised", vec) };
        });

        Add("standardize-expected", ctx =>
        {
            var x = Numeric.Linspace(-1, 2, 4, 3).Pow(2);
            var expected = Tensor.FromArray(ctx.Expected("out"), 4, 3);
            var yours = ctx.Subject.Call<Tensor>("Warmup.Standardize", x.Clone());
            var rows = (x - x.Mean(1, keepDim: true)) / x.Var(1, unbiased: false, keepDim: true).Sqrt();
            var unbiased = (x - x.Mean(0, keepDim: true)) / x.Var(0, unbiased: true, keepDim: true).Sqrt();
            return Numeric.Compare("out", yours, expected, ctx.Tolerance,
                alternatives: [("wrong-axis", rows), ("unbiased-std", unbiased)]);
        });

        Add("pick-correct-expected", ctx =>
        {
            var scores = Numeric.Linspace(-2, 2, 5, 4);
            var labels = Tensor.FromArray(new long[] { 3, 0, 2, 1, 3 }, 5);
            var yours = ctx.Subject.Call<Tensor>("Warmup.PickCorrect", scores, labels);
            return Numeric.Compare("out", yours, Tensor.FromArray(ctx.Expected("out"), 5), ctx.Tolerance);
        });
    }

    private static Tensor Reference(Tensor a, Tensor b)
    {
        // Plain loops on arrays: the grader's own answer, independent of the learner's code.
        int n = a.Size(0), m = b.Size(0), d = a.Size(1);
        var x = a.Contiguous().ToArray<double>();
        var y = b.Contiguous().ToArray<double>();
        var r = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += (x[(i * d) + k] - y[(j * d) + k]) * (x[(i * d) + k] - y[(j * d) + k]);
                r[(i * m) + j] = Math.Sqrt(s);
            }
        }

        return Tensor.FromArray(r, n, m);
    }
}
