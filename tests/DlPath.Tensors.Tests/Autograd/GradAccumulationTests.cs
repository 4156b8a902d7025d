namespace DlPath.Tensors.Tests.Autograd;

/// <summary>
/// A leaf's gradient zeroed in place (<c>ZeroGrad(setToNone: false)</c>) takes its first contribution as an overwrite
/// instead of an addition. These pin down that the result is that of the addition bit for bit, and that anything
/// that may have changed the zeros in between sends the engine back to the addition.
/// </summary>
public sealed class GradAccumulationTests
{
    // Odd lengths and a negative zero among the upstream factors: the gradient of sum(w * c) is c.
    private static float[] Factors(int n, int seed)
    {
        var rng = new Random(seed);
        var c = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        c[n / 2] = -0f;
        return c;
    }

    private static (Tensor W, Tensor C) Leaf(int rows, int cols, DType dtype, int seed)
    {
        var c = Tensor.FromArray(Factors(rows * cols, seed), rows, cols).To(dtype);
        var w = Tensor.Rand([rows, cols]).To(dtype).RequireGrad();
        return (w, c);
    }

    private static int[] Bits(Tensor t) => t.To(DType.Float32).ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Theory]
    [InlineData(1, 1, DType.Float32)]
    [InlineData(3, 17, DType.Float32)]
    [InlineData(63, 129, DType.Float32)]
    [InlineData(17, 3, DType.Float64)]
    [InlineData(2, global::DlPath.Tensors.Kernels.MemoryBoundSplit.MinElementsPerThread + 17, DType.Float32)] // long: split over threads
    [InlineData(3, global::DlPath.Tensors.Kernels.MemoryBoundSplit.MinElementsPerThread + 1, DType.Float64)]
    public void ZeroedGradientReceivesExactlyZeroPlusTheGradient(int rows, int cols, DType dtype)
    {
        var (w, c) = Leaf(rows, cols, dtype, rows * cols);
        (w * c).Sum().Backward();
        var grad = w.Grad!;
        grad.Zero();

        (w * c).Sum().Backward();

        Assert.Same(grad, w.Grad);
        var expected = (Tensor.ZerosLike(c) + c).ToArray<double>();
        Assert.Equal(expected, w.Grad!.ToArray<double>());

        // 0 + (-0) is +0: the overwrite must not leave the negative zero of the upstream gradient.
        Assert.Equal(0, Bits(w.Grad!)[(rows * cols) / 2]);
    }

    [Fact]
    public void SecondBackwardAfterZeroingAdds()
    {
        var (w, c) = Leaf(3, 17, DType.Float32, 1);
        (w * c).Sum().Backward();
        w.Grad!.Zero();

        (w * c).Sum().Backward();
        (w * c).Sum().Backward();

        Assert.Equal((c + c).ToArray<float>(), w.Grad!.ToArray<float>());
    }

    [Fact]
    public void WriteThroughASpanAfterZeroingIsAddedTo()
    {
        var (w, c) = Leaf(3, 17, DType.Float32, 2);
        (w * c).Sum().Backward();
        var grad = w.Grad!;
        grad.Zero();
        grad.AsSpan<float>()[5] = 4f;

        (w * c).Sum().Backward();

        var expected = c.ToArray<float>().Select(v => 0f + v).ToArray();
        expected[5] = 4f + expected[5];
        Assert.Equal(expected, grad.ToArray<float>());
    }

    [Fact]
    public void InPlaceOpAfterZeroingIsAddedTo()
    {
        var (w, c) = Leaf(3, 17, DType.Float32, 3);
        (w * c).Sum().Backward();
        var grad = w.Grad!;
        grad.Zero();
        grad.AddInPlace(Tensor.OnesLike(grad));

        (w * c).Sum().Backward();

        Assert.Equal(c.ToArray<float>().Select(v => 1f + v).ToArray(), grad.ToArray<float>());
    }

    [Fact]
    public void WriteThroughAViewAfterZeroingIsAddedTo()
    {
        var (w, c) = Leaf(3, 17, DType.Float32, 4);
        (w * c).Sum().Backward();
        var grad = w.Grad!;
        grad.Zero();
        grad.Select(0, 1).Fill(2);

        (w * c).Sum().Backward();

        var expected = c.ToArray<float>().Select((v, i) => (i / 17 == 1 ? 2f : 0f) + v).ToArray();
        Assert.Equal(expected, grad.ToArray<float>());
    }

    [Fact]
    public void ZeroingPartOfTheGradientIsNotZeroingAllOfIt()
    {
        var (w, c) = Leaf(3, 17, DType.Float32, 5);
        (w * c).Sum().Backward();
        var grad = w.Grad!;
        grad.Fill(1);
        grad.Narrow(0, 0, 2).Zero();

        (w * c).Sum().Backward();

        var expected = c.ToArray<float>().Select((v, i) => (i < 34 ? 0f : 1f) + v).ToArray();
        Assert.Equal(expected, grad.ToArray<float>());
    }

    [Fact]
    public void NegativeZeroFillIsNotTreatedAsZero()
    {
        // -0 + -0 is -0, while an overwrite "0 + g" would give +0: the mark is for +0 only.
        var w = Tensor.FromArray(new float[] { 1, 2, 3 }).RequireGrad();
        var c = Tensor.FromArray(new float[] { -0f, -0f, 5 });
        (w * c).Sum().Backward();
        w.Grad!.Fill(-0.0);

        (w * c).Sum().Backward();

        Assert.Equal(new[] { BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(5f) }, Bits(w.Grad!));
    }

    [Fact]
    public void OverwriteIsTakenOnlyWhileTheZerosAreKnown()
    {
        var t = Tensor.Rand([3, 17]);
        var g = Tensor.Rand([3, 17]);
        Assert.False(t.TryOverwriteKnownZero(g));

        t.Zero();
        Assert.True(t.TryOverwriteKnownZero(g));
        Assert.Equal(g.ToArray<float>(), t.ToArray<float>());
        Assert.False(t.TryOverwriteKnownZero(g)); // the overwrite itself is a write

        t.Zero();
        _ = t.AsSpan<float>();
        Assert.False(t.TryOverwriteKnownZero(g));

        t.Zero();
        Assert.False(t.TryOverwriteKnownZero(g.T.Contiguous())); // other shape
        Assert.False(t.TryOverwriteKnownZero(g.To(DType.Float64))); // other dtype
        Assert.False(t.TryOverwriteKnownZero(Tensor.Rand([17, 3]).T)); // non-contiguous source
        Assert.True(t.TryOverwriteKnownZero(g));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(129)]
    [InlineData((2 * global::DlPath.Tensors.Kernels.MemoryBoundSplit.MinElementsPerThread) + 17)] // filled in one range per thread
    public void FillWritesEveryElementOfLongAndShortTensorsAndOnlyThose(int n)
    {
        var t = Tensor.Rand([n + 6]);
        var original = t.ToArray<float>();
        t.Narrow(0, 3, n).Fill(2.5);
        t.Narrow(0, 0, 3).Fill(-1);
        var a = t.ToArray<float>();
        Assert.All(a.Take(3), v => Assert.Equal(-1f, v));
        Assert.All(a.Skip(3).Take(n), v => Assert.Equal(2.5f, v));
        Assert.Equal(original.Skip(n + 3), a.Skip(n + 3));

        var d = Tensor.Rand([n], DType.Float64);
        d.Zero();
        Assert.All(d.ToArray<double>(), v => Assert.Equal(0, BitConverter.DoubleToInt64Bits(v)));
    }
}
