namespace DlPath.Tensors.Tests.Indexing;

/// <summary>Behaviour of gather/scatter/index_select/masked_fill/one_hot/sort/pad beyond the golden values.</summary>
public class GatherScatterTests
{
    [Fact]
    public void EmbeddingLookupIsIndexSelect()
    {
        var table = Tensor.Arange(0, 12, 1, DType.Float64).Reshape(4, 3).RequireGrad();
        var ids = Tensor.FromArray(new long[] { 3, 1, 3 });
        var e = table.IndexSelect(0, ids);
        Assert.Equal(new double[] { 9, 10, 11, 3, 4, 5, 9, 10, 11 }, e.ToArray<double>());
        e.Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2 }, table.Grad!.ToArray<double>());
    }

    [Fact]
    public void GatherAndScatterWorkOnStridedViewsAndInt64()
    {
        var x = Tensor.Arange(0, 6, 1, DType.Int64).Reshape(2, 3).T; // (3,2), non-contiguous
        var g = x.Gather(0, Tensor.FromArray(new long[] { 2, 0 }, 1, 2));
        Assert.Equal(new long[] { 2, 3 }, g.ToArray<long>());
        var s = Tensor.Zeros([2, 3], DType.Int64).ScatterAdd(1, Tensor.FromArray(new long[] { 0, 0, 2, 1 }, 2, 2), Tensor.Ones([2, 2], DType.Int64));
        Assert.Equal(new long[] { 2, 0, 0, 0, 1, 1 }, s.ToArray<long>());
    }

    [Fact]
    public void MaskedFillInPlaceWritesAndChecksShapes()
    {
        var x = Tensor.Zeros(2, 3);
        var mask = Tensor.FromArray(new[] { true, false, true });
        int v0 = x.Version;
        x.MaskedFillInPlace(mask, 5);
        Assert.Equal(new float[] { 5, 0, 5, 5, 0, 5 }, x.ToArray<float>());
        Assert.True(x.Version > v0);
        Assert.Throws<ShapeException>(() => Tensor.Zeros(3).MaskedFillInPlace(Tensor.Zeros([2, 3], DType.Bool), 1));
        var e = Assert.Throws<ArgumentException>(() => x.MaskedFill(Tensor.Zeros(3), 1));
        Assert.Contains("must be a bool tensor", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(3).RequireGrad().MaskedFillInPlace(mask, 1));
    }

    [Fact]
    public void GatherScatterErrorsNameShapes()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.Throws<ShapeException>(() => x.Gather(1, Tensor.Zeros([3], DType.Int64)));
        Assert.Contains("index (3) must have as many dims as the tensor (2,3)", e.Message);
        var o = Assert.Throws<IndexOutOfRangeException>(() => x.Gather(1, Tensor.Full([2, 1], 3, DType.Int64)));
        Assert.Contains("index 3 is out of bounds for dim 1 of size 3", o.Message);
        Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Tensor.Zeros(1)));
        Assert.Throws<ShapeException>(() => x.IndexAdd(0, Tensor.Zeros([1], DType.Int64), Tensor.Zeros(2, 3)));
    }

    [Fact]
    public void OneHotShapesAndErrors()
    {
        var y = Tensor.FromArray(new long[] { 2, 0 }).OneHot(4);
        Assert.Equal(DType.Int64, y.DType);
        Assert.Equal(new long[] { 0, 0, 1, 0, 1, 0, 0, 0 }, y.ToArray<long>());
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new long[] { 4 }).OneHot(4));
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new long[] { -1 }).OneHot(4));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).OneHot(3));
    }

    [Fact]
    public void SortIsStableAndPutsNaNLast()
    {
        var x = Tensor.FromArray(new double[] { 1, double.NaN, 0, 1, -2, 1 });
        var (v, i) = x.Sort();
        Assert.Equal(new long[] { 4, 2, 0, 3, 5, 1 }, i.ToArray<long>());
        Assert.True(double.IsNaN(v.ToArray<double>()[5]));
        var (_, di) = x.Sort(descending: true);
        Assert.Equal(new long[] { 1, 0, 3, 5, 2, 4 }, di.ToArray<long>());
    }

    [Fact]
    public void TopKUnsortedKeepsInputOrder()
    {
        var x = Tensor.FromArray(new double[] { 5, 1, 9, 3, 7 });
        var (v, i) = x.TopK(3, sorted: false);
        Assert.Equal(new long[] { 0, 2, 4 }, i.ToArray<long>());
        Assert.Equal(new double[] { 5, 9, 7 }, v.ToArray<double>());
        Assert.Throws<ArgumentException>(() => x.TopK(6));
    }

    [Fact]
    public void PadErrorsAreClear()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Throws<ShapeException>(() => x.Pad([1, 1, 1, 1, 1, 1]));
        var e = Assert.Throws<ArgumentException>(() => x.Pad([3, 0], PadMode.Reflect));
        Assert.Contains("must be smaller than the size 3", e.Message);
        Assert.Equal([2, 0], x.Pad([-2, -1]).ShapeArray());
    }
}
