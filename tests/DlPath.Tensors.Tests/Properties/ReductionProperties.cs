using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DlPath.Tensors.Tests.Properties;

/// <summary>Reductions: summing over all dims at once equals summing one dim at a time; mean * count = sum.</summary>
public class ReductionProperties
{
    [Property(MaxTest = 100)]
    public Property SumAllEqualsSumOfEachDimInTurn() => Prop.ForAll(TensorGen.ShapeAndSeed(), c =>
    {
        var x = TensorGen.Data(c.Shape, c.Seed);
        var stepwise = x;
        while (stepwise.Rank > 0) stepwise = stepwise.Sum(0);

        // The data are multiples of 1/4, so every order of summation is exact.
        return stepwise.Item() == x.Sum().Item();
    });

    [Property(MaxTest = 100)]
    public Property SumOverADimMatchesKeepDim() => Prop.ForAll(
        TensorGen.Shape().SelectMany(s => Gen.Choose(0, s.Length - 1).Select(d => (s, d))).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.s, 11);
            var kept = x.Sum(c.d, keepDim: true);
            var dropped = x.Sum(c.d);
            return kept.Shape[c.d] == 1 && kept.Squeeze(c.d).ToArray<double>().SequenceEqual(dropped.ToArray<double>());
        });

    [Property(MaxTest = 100)]
    public Property MeanTimesCountIsSum() => Prop.ForAll(
        TensorGen.Shape().SelectMany(s => Gen.Choose(0, s.Length - 1).Select(d => (s, d))).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.s, 13);
            var mean = x.Mean(c.d).ToArray<double>();
            var sum = x.Sum(c.d).ToArray<double>();
            int count = c.s[c.d];
            return mean.Zip(sum, (m, s) => Math.Abs((m * count) - s) <= 1e-9 * Math.Max(1, Math.Abs(s))).All(ok => ok);
        });
}
