namespace DlPath.Tensors.Tests.Join;

/// <summary>Cat / Stack / Split / Chunk behaviour beyond the golden values: dtype promotion, views, torch's edge cases, errors.</summary>
public class JoinTests
{
    [Fact]
    public void CatPromotesDtypesAndSkipsLegacyEmptyTensors()
    {
        var a = Tensor.Ones([1, 2], DType.Int64);
        var b = Tensor.Full([1, 2], 0.5, DType.Float64);
        var c = Tensor.Cat([a, Tensor.Zeros(0), b], 0);
        Assert.Equal(DType.Float64, c.DType);
        Assert.Equal(new double[] { 1, 1, 0.5, 0.5 }, c.ToArray<double>());
    }

    [Fact]
    public void CatBackwardSlicesTheGradient()
    {
        var a = Tensor.Zeros([2, 1], DType.Float64).RequireGrad();
        var b = Tensor.Zeros([2, 2], DType.Float64).RequireGrad();
        Tensor.Cat([a, b], 1).Backward(Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3));
        Assert.Equal(new double[] { 1, 4 }, a.Grad!.ToArray<double>());
        Assert.Equal(new double[] { 2, 3, 5, 6 }, b.Grad!.ToArray<double>());
    }

    [Fact]
    public void StackAddsADim()
    {
        var s = Tensor.Stack([Tensor.Zeros(2, 3), Tensor.Ones(2, 3)], -1);
        Assert.Equal([2, 3, 2], s.ShapeArray());
        Assert.Equal(new float[] { 0, 1 }, s[0, 0].ToArray<float>());
    }

    [Fact]
    public void SplitAndChunkFollowTorchSizes()
    {
        var x = Tensor.Arange(0, 10, 1, DType.Float32);
        Assert.Equal(new[] { 4, 4, 2 }, x.Split(4).Select(p => p.Size(0)));
        Assert.Equal(new[] { 2, 5, 3 }, x.Split([2, 5, 3]).Select(p => p.Size(0)));

        // torch.chunk(arange(10), 4): ceil(10/4) = 3 -> sizes 3,3,3,1.
        Assert.Equal(new[] { 3, 3, 3, 1 }, x.Chunk(4).Select(p => p.Size(0)));

        // torch.chunk(arange(6), 4): ceil(6/4) = 2 -> only 3 chunks come back.
        Assert.Equal(3, Tensor.Arange(6).Chunk(4).Length);
        Assert.All(x.Split(3), p => Assert.True(p.SharesStorageWith(x)));
    }

    [Fact]
    public void ErrorsNameShapes()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Cat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)], 1));
        Assert.Equal("cat: sizes must match except in dim 1: (2,3) and (3,3) differ in dim 0", e.Message);
        var s = Assert.Throws<ShapeException>(() => Tensor.Stack(Tensor.Zeros(2), Tensor.Zeros(3)));
        Assert.Contains("(2) and (3)", s.Message);
        var sp = Assert.Throws<ShapeException>(() => Tensor.Zeros(5).Split([2, 2]));
        Assert.Contains("add up to 5", sp.Message);
        Assert.Throws<ShapeException>(() => Tensor.Cat(Tensor.Scalar(1), Tensor.Scalar(2)));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(4).Chunk(0));
    }
}
