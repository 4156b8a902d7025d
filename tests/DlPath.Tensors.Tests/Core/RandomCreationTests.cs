using DlPath.Tensors.Tests.Generators;

namespace DlPath.Tensors.Tests.Core;

// Reseeds Generator.Default, so it runs apart from other tests that draw from it.
[Collection(nameof(DefaultGeneratorCollection))]
public class RandomCreationTests
{
    [Fact]
    public void RandnDrawsTheGeneratorStreamInElementOrder()
    {
        var g = new Generator(42);
        var t = Tensor.Randn([3, 17], DType.Float32, g);
        var expected = new float[51];
        new Generator(42).Normal(expected);
        Assert.Equal(expected, t.ToArray<float>());
        Assert.Equal([3, 17], t.ShapeArray());
    }

    [Fact]
    public void ManualSeedMakesTheDefaultStreamRepeat()
    {
        Tensor.ManualSeed(7);
        var a = Tensor.Rand([4, 5], DType.Float64).ToArray<double>();
        var p = Tensor.RandPerm(10).ToArray<long>();
        Tensor.ManualSeed(7);
        Assert.Equal(a, Tensor.Rand([4, 5], DType.Float64).ToArray<double>());
        Assert.Equal(p, Tensor.RandPerm(10).ToArray<long>());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), p.Order());
    }

    [Fact]
    public void UniformOnAStridedViewFillsOnlyTheView()
    {
        var x = Tensor.Zeros([4, 4]);
        x.T.Slice(0, 0, 2).Uniform(1, 2, new Generator(1));
        var v = x.ToArray<float>();
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                float e = v[(r * 4) + c];
                Assert.True(c < 2 ? e is >= 1 and < 2 : e == 0, $"element ({r},{c}) = {e}");
            }
        }
    }

    [Fact]
    public void RandRejectsIntegerDtypes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Rand([2], DType.Int64));
        Assert.Contains("rand: needs a floating-point dtype, got int64", e.Message);
    }
}
