namespace DlPath.Tensors.Tests.Indexing;

/// <summary>The x[...] indexer: views vs copies, assignment, and the errors a learner sees.</summary>
public class IndexerTests
{
    private static Tensor Grid() => Tensor.Arange(0, 24, 1, DType.Float32).Reshape(2, 3, 4);

    [Fact]
    public void IntsRangesAndStepsAreViews()
    {
        var x = Grid();
        var v = x[1, 1..^1, TensorIndex.Slice(null, null, 2)];
        Assert.True(v.SharesStorageWith(x));
        Assert.Equal([1, 2], v.ShapeArray());
        Assert.Equal(new float[] { 16, 18 }, v.ToArray<float>());
        Assert.Equal(new float[] { 20, 21, 22, 23 }, x[-1, -1].ToArray<float>());
        Assert.Equal(new[] { 2, 3, 4, 1 }, x[TensorIndex.Ellipsis, TensorIndex.NewAxis].ShapeArray());
        Assert.Equal(new[] { 1, 2, 3, 4 }, x[TensorIndex.NewAxis].ShapeArray());
        Assert.Equal(new[] { 2, 3 }, x[TensorIndex.Ellipsis, 0].ShapeArray());
        Assert.Equal(new[] { 0, 3, 4 }, x[^0..].ShapeArray());
    }

    [Fact]
    public void AdvancedIndexingCopies()
    {
        var x = Grid();
        var rows = x[new long[] { 1, 0 }, 2];
        Assert.False(rows.SharesStorageWith(x));
        Assert.Equal(new float[] { 20, 21, 22, 23, 8, 9, 10, 11 }, rows.ToArray<float>());
        Assert.Equal(rows.ToArray<float>(), x[new[] { 1, 0 }, 2].ToArray<float>());
        var negative = x[0, new long[] { -1 }, new long[] { -1 }];
        Assert.Equal(new float[] { 11 }, negative.ToArray<float>());
    }

    [Fact]
    public void BoolMaskSelectsTrueElementsInRowMajorOrder()
    {
        var x = Tensor.FromArray(new double[] { 3, -1, 4, -1, 5, -9 }, 2, 3);
        var picked = x[IndexGradCheckTests.Greater(x, 0)];
        Assert.Equal(new double[] { 3, 4, 5 }, picked.ToArray<double>());
        Assert.Equal([1, 2, 3], x[Tensor.Scalar(1, DType.Bool)].ShapeArray());
        Assert.Equal([0, 2, 3], x[Tensor.Scalar(0, DType.Bool)].ShapeArray());
    }

    [Fact]
    public void AdvancedIndexBackwardAccumulatesRepeats()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }).RequireGrad();
        var y = x[new long[] { 2, 2, 0 }];
        y.Backward(Tensor.FromArray(new double[] { 1, 10, 100 }));
        Assert.Equal(new double[] { 100, 0, 11 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void AssignmentWritesInPlaceAndBumpsVersion()
    {
        var x = Grid();
        int v0 = x.Version;
        x[0, .., 1] = Tensor.Scalar(-1);
        Assert.Equal(-1f, x.GetValue<float>(0, 2, 1));
        Assert.True(x.Version > v0);

        x[new long[] { 1, 1 }, new long[] { 0, 2 }] = Tensor.FromArray(new float[] { 7, 8 }).Unsqueeze(-1);
        Assert.Equal(new float[] { 7, 7, 7, 7 }, x[1, 0].ToArray<float>());
        Assert.Equal(new float[] { 8, 8, 8, 8 }, x[1, 2].ToArray<float>());

        var m = Tensor.FromArray(new double[] { 3, -1, 4, -1 });
        m.SetItem([IndexGradCheckTests.Greater(m, 0)], 0.0);
        Assert.Equal(new double[] { 0, -1, 0, -1 }, m.ToArray<double>());

        // A write through separated advanced indices lands where a read would have come from.
        var y = Grid();
        var before = y[new long[] { 0, 1 }, .., new long[] { 3, 0 }].Clone();
        y[new long[] { 0, 1 }, .., new long[] { 3, 0 }] = before * 10;
        Assert.Equal(before.ToArray<float>().Select(v => v * 10), y[new long[] { 0, 1 }, .., new long[] { 3, 0 }].ToArray<float>());
    }

    [Fact]
    public void AssignmentRefusesTensorsThatRequireGrad()
    {
        var w = Tensor.Zeros(3).RequireGrad();
        var e = Assert.Throws<InvalidOperationException>(() => w[0] = Tensor.Scalar(1));
        Assert.Contains("not recorded by autograd", e.Message);
        using (Tensor.NoGrad())
        {
            w[0] = Tensor.Scalar(1);
        }

        Assert.Equal(1f, w.GetValue<float>(0));
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var x = Grid();
        var tooMany = Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 0, 0]);
        Assert.Contains("too many indices for a tensor of dimension 3 (2,3,4)", tooMany.Message);
        var outOfBounds = Assert.Throws<IndexOutOfRangeException>(() => x[0, 5]);
        Assert.Contains("index 5 is out of bounds for dim 1 with size 3", outOfBounds.Message);
        var badAdvanced = Assert.Throws<IndexOutOfRangeException>(() => x[new long[] { 0, 2 }]);
        Assert.Contains("index 2 is out of bounds for dim 0 with size 2", badAdvanced.Message);
        var badMask = Assert.Throws<ShapeException>(() => x[Tensor.Zeros([3], DType.Bool)]);
        Assert.Contains("mask shape (3) does not match the indexed shape (2)", badMask.Message);
        Assert.Throws<ArgumentException>(() => x[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis]);
        Assert.Throws<ArgumentException>(() => TensorIndex.Slice(0, 2, -1));
        Assert.Throws<ArgumentException>(() => (TensorIndex)Tensor.Zeros(2));
        var noBroadcast = Assert.Throws<ShapeException>(() => x[new long[] { 0, 1 }, new long[] { 0, 1, 2 }]);
        Assert.Contains("(2) and (3) cannot be broadcast", noBroadcast.Message);
    }
}
