using System.Globalization;
using DlPath.Course.Review.Generators;

namespace DlPath.Course.Tests.Review;

public sealed class GeneratorTests
{
    public static TheoryData<string> GeneratorIds()
    {
        var data = new TheoryData<string>();
        foreach (var g in GeneratorRegistry.All)
        {
            data.Add(g.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratorIds))]
    public void CheckerAcceptsItsOwnAnswerAndRejectsAPerturbedOne(string id)
    {
        var generator = GeneratorRegistry.Get(id);
        for (int seed = 0; seed < 200; seed++)
        {
            var q = generator.Generate(new Random(seed));
            Assert.True(q.Check(q.Answer), $"{id} seed {seed}: own answer '{q.Answer}' rejected for: {q.Prompt}");
            string perturbed = Perturb(q.Answer);
            Assert.False(q.Check(perturbed), $"{id} seed {seed}: perturbed '{perturbed}' accepted (answer '{q.Answer}')");
            Assert.False(q.Check(string.Empty));
            Assert.False(q.Check(q.Answer + ", 1"));
        }
    }

    [Theory]
    [MemberData(nameof(GeneratorIds))]
    public void NumbersAreFreshButReproducibleFromTheSeed(string id)
    {
        var generator = GeneratorRegistry.Get(id);
        Assert.Equal(generator.Generate(new Random(7)).Prompt, generator.Generate(new Random(7)).Prompt);
        var prompts = Enumerable.Range(0, 20).Select(s => generator.Generate(new Random(s)).Prompt).ToHashSet();
        Assert.True(prompts.Count >= 10, $"{id}: only {prompts.Count} distinct questions in 20 draws");
    }

    [Theory]
    [InlineData(32, 3, 1, 1, 1, 32)]
    [InlineData(28, 5, 1, 0, 1, 24)]
    [InlineData(28, 5, 2, 0, 1, 12)]
    [InlineData(224, 7, 2, 3, 1, 112)]
    [InlineData(10, 3, 1, 0, 2, 6)]
    public void Conv2dOutputSizeMatchesPyTorch(int size, int k, int s, int p, int d, int expected) =>
        Assert.Equal(expected, Conv2dOutputShapeGenerator.OutputSize(size, k, s, p, d));

    [Fact]
    public void GeneratedShapesAndCountsArePositive()
    {
        var conv = GeneratorRegistry.Get("conv2d-output-shape");
        var count = GeneratorRegistry.Get("conv2d-parameter-count");
        for (int seed = 0; seed < 2000; seed++)
        {
            var shape = conv.Generate(new Random(seed)).Answer.Split(", ").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.All(shape, v => Assert.True(v >= 1, $"seed {seed}: {string.Join(",", shape)}"));
            Assert.True(long.Parse(count.Generate(new Random(seed)).Answer, CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public void SoftmaxGradientSumsToZeroAndIsNegativeAtTheTarget()
    {
        var g = SoftmaxCrossEntropyGradientGenerator.Gradient([2.0, 1.0, 0.1], 0);
        Assert.Equal(0, g.Sum(), 12);
        Assert.True(g[0] < 0 && g[1] > 0 && g[2] > 0);
        Assert.Equal(0.659001 - 1, g[0], 5);
    }

    [Theory]
    [InlineData("1/3", "0.333", true)]
    [InlineData("1/3", "0.3333", true)]
    [InlineData("1/3", "1/3", true)]
    [InlineData("1/3", "2/6", true)]
    [InlineData("1/3", "0.33", false)]
    [InlineData("1/3", "0.334", false)]
    [InlineData("1/2", "0.5", true)]
    [InlineData("-7", "-7", true)]
    [InlineData("-7", "-7.0", true)]
    [InlineData("-7", "7", false)]
    [InlineData("2/3", "0.667", true)]
    [InlineData("2/3", "0.666", false)]
    public void AnswerRulesForExactValues(string expected, string response, bool ok)
    {
        Assert.True(Fraction.TryParse(expected, out var f));
        Assert.Equal(ok, AnswerKey.Exact(f).Check(response));
    }

    [Fact]
    public void AnswerListsAcceptCommonSeparatorsAndExplainMistakes()
    {
        var key = AnswerKey.Exact(32, 16, 14, 14);
        Assert.True(key.Check("(32, 16, 14, 14)"));
        Assert.True(key.Check("32 16 14 14"));
        Assert.Equal("expected 4 number(s), got 3", key.Explain("32, 16, 14"));
        Assert.Equal("value #3 ('15') is not right", key.Explain("32, 16, 15, 14"));
    }

    [Fact]
    public void UnknownGeneratorNamesTheKnownOnes()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => GeneratorRegistry.Get("nope"));
        Assert.Contains("conv2d-output-shape", e.Message);
    }

    /// <summary>Moves the first number of an answer clearly away from the right value.</summary>
    private static string Perturb(string answer)
    {
        var parts = answer.Split(", ");
        string first = parts[0];
        if (first.Contains('.'))
        {
            decimal d = decimal.Parse(first, CultureInfo.InvariantCulture) + 0.01m;
            parts[0] = d.ToString("0.0000", CultureInfo.InvariantCulture);
        }
        else
        {
            Assert.True(Fraction.TryParse(first, out var f));
            parts[0] = (f + 1).ToString();
        }

        return string.Join(", ", parts);
    }
}
