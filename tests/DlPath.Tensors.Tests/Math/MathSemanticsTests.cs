namespace DlPath.Tensors.Tests.MathOps;

/// <summary>PyTorch behaviours of the math ops that deserve a named test of their own.</summary>
public class MathSemanticsTests
{
    private static Tensor V(params float[] values) => Tensor.FromArray(values);

    [Fact]
    public void ComparisonOperatorsWorkWithTensorsAndNumbersOnBothSides()
    {
        var x = V(1, 2, 3);
        Assert.Equal(new[] { false, false, true }, (x > 2).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (x <= 2.0).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, (2 < x).ToArray<bool>());
        Assert.True(x.Gt(0).All().Item<bool>());
        Assert.False(x.Gt(5).Any().Item<bool>());
        Assert.Equal(new[] { true, false }, Tensor.FromArray(new float[] { 1, 2, 0, 3 }, 2, 2).All(1).ToArray<bool>());
        Assert.Equal(new[] { true, true }, Tensor.FromArray(new float[] { 1, 2, 0, 3 }, 2, 2).Any(0).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (2.5 >= x).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.Eq(2).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, x.Ne(V(0, 2, 0)).ToArray<bool>());
        Assert.Equal(DType.Bool, (x < V(3, 2, 1)).DType);
        Assert.False((x.RequireGrad() > 1).RequiresGrad);
    }

    [Fact]
    public void EqualityOperatorStaysReferenceEquality()
    {
        var a = V(1, 2);
        var b = V(1, 2);
#pragma warning disable CS1718 // comparing a variable with itself is the point here
        Assert.True(a == a);
#pragma warning restore CS1718
        Assert.False(a == b);
        Assert.True(a.Eq(b).All().Item<bool>());
    }

    [Fact]
    public void LogicalOperatorsOnMasks()
    {
        var a = Tensor.FromArray(new[] { true, true, false, false });
        var b = Tensor.FromArray(new[] { true, false, true, false });
        Assert.Equal(new[] { true, false, false, false }, (a & b).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, false }, (a | b).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, false }, (a ^ b).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true }, (!a).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true }, (~a).ToArray<bool>());
        var x = V(-1, 0.5f, 2, 3);
        Assert.Equal(new[] { false, true, true, false }, ((x > 0) & (x < 3)).ToArray<bool>());
    }

    [Fact]
    public void FullMaxSharesTheGradientAmongTiesButMaxAlongADimPicksTheFirst()
    {
        var x = V(1, 3, 3, 2).RequireGrad();
        x.Max().Backward();
        Assert.Equal(new float[] { 0, 0.5f, 0.5f, 0 }, x.Grad!.ToArray<float>());

        var y = V(1, 3, 3, 2).RequireGrad();
        var (values, indices) = y.Max(0);
        Assert.Equal(1L, indices.Item<long>());
        values.Backward();
        Assert.Equal(new float[] { 0, 1, 0, 0 }, y.Grad!.ToArray<float>());
    }

    [Fact]
    public void MaximumSplitsTheGradientOnTies()
    {
        var a = V(1, 2).RequireGrad();
        var b = V(1, 3).RequireGrad();
        a.Maximum(b).Sum().Backward();
        Assert.Equal(new float[] { 0.5f, 0 }, a.Grad!.ToArray<float>());
        Assert.Equal(new float[] { 0.5f, 1 }, b.Grad!.ToArray<float>());
    }

    [Fact]
    public void ClampGradientIsOneOnTheBoundsAndZeroOutside()
    {
        var x = V(-2, -1, 0, 1, 2).RequireGrad();
        var y = x.Clamp(-1, 1);
        Assert.Equal(new float[] { -1, -1, 0, 1, 1 }, y.ToArray<float>());
        y.Sum().Backward();
        Assert.Equal(new float[] { 0, 1, 1, 1, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void ProdGradientIsExactWithZeros()
    {
        var one = V(2, 0, 3, 4).RequireGrad();
        one.Prod().Backward();
        Assert.Equal(new float[] { 0, 24, 0, 0 }, one.Grad!.ToArray<float>());

        var two = V(2, 0, 3, 0).RequireGrad();
        two.Prod().Backward();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, two.Grad!.ToArray<float>());
    }

    [Fact]
    public void PowZeroHasZeroGradientEvenAtZero()
    {
        var x = V(0, 2).RequireGrad();
        var y = x.Pow(0);
        Assert.Equal(new float[] { 1, 1 }, y.ToArray<float>());
        y.Sum().Backward();
        Assert.Equal(new float[] { 0, 0 }, x.Grad!.ToArray<float>());
    }

    [Fact]
    public void SoftmaxIsStableForLargeInputsAndRowsSumToOne()
    {
        var x = Tensor.FromArray(new float[] { 1000, 1001, 1002, -1000, -1001, -1002 }, 2, 3);
        var p = x.Softmax(-1);
        Assert.True(p.IsFinite().All().Item<bool>());
        Assert.Equal(new float[] { 1, 1 }, p.Sum(1).ToArray<float>(), new FloatTolerance(1e-6f));
        var logp = x.LogSoftmax(-1);
        Assert.True(logp.IsFinite().All().Item<bool>());
        Assert.Equal(-0.40760596f, logp.GetValue<float>(0, 2), 5);
        Assert.Equal(1002.40760596, x.LogSumExp(1).GetValue<float>(0), 3);
    }

    [Fact]
    public void IntegerInputsFollowTorchDtypeRules()
    {
        var i = Tensor.Arange(4);
        Assert.Equal(DType.Float32, i.Exp().DType);
        Assert.Equal(DType.Float32, i.Sigmoid().DType);
        Assert.Equal(DType.Int64, i.Abs().DType);
        Assert.Equal(DType.Int64, i.Relu().DType);
        Assert.Equal(DType.Int64, i.Pow(2).DType);
        Assert.Equal(DType.Float32, i.Pow(0.5).DType);
        Assert.Equal(DType.Int64, i.Clamp(1, 2).DType);
        Assert.Equal(DType.Float32, i.Clamp(0.5).DType);
        Assert.Equal(DType.Int64, i.CumSum(0).DType);
        Assert.Equal(DType.Float64, i.CumSum(0, DType.Float64).DType);
        Assert.Equal(DType.Int64, i.Prod().DType);
        Assert.Equal(DType.Int64, i.Max().DType);
        Assert.Equal(DType.Int64, i.Double().ArgMax().DType);
        Assert.Equal(DType.Float32, i.LogSumExp(0).DType);
        Assert.Equal(DType.Bool, Tensor.FromArray(new[] { true, false }).Max().DType);
    }

    [Fact]
    public void ReductionsOverAllElementsAndScalars()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        Assert.Equal(5.0 / 3, x.Var().Item(), 12);
        Assert.Equal(1.25, x.Var(false).Item(), 12);
        Assert.Equal(24, x.Prod().Item(), 12);
        Assert.Equal(System.Math.Sqrt(30), x.Norm().Item(), 12);
        Assert.Equal(4, x.Norm(double.PositiveInfinity).Item(), 12);
        Assert.Equal(3L, x.ArgMax().Item<long>());
        Assert.Equal(0L, x.ArgMin().Item<long>());
        Assert.Equal(new double[] { 1, 3, 6, 10 }, x.Flatten().CumSum(0).ToArray<double>());

        // 0-d tensors: dim 0 and -1 are accepted, as torch.
        var s = Tensor.Scalar(2.5, DType.Float64);
        Assert.Equal(2.5, s.Max(0).Values.Item());
        Assert.Equal(0L, s.ArgMax(-1).Item<long>());
        Assert.Equal(1.0, s.Softmax(0).Item());
        Assert.Equal(2.5, s.CumSum(0).Item());
        Assert.True(double.IsNaN(s.Var().Item()));
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var x = V(1, 2).RequireGrad();
        using (Tensor.NoGrad())
        {
            Assert.False(x.Exp().Softmax(0).RequiresGrad);
        }

        Assert.True(x.Exp().Softmax(0).RequiresGrad);
        Assert.Equal("SoftmaxBackward", x.Softmax(0).GradFn!.Name);
    }

    [Fact]
    public void NanAndInfPredicates()
    {
        var x = V(1, float.NaN, float.PositiveInfinity, float.NegativeInfinity);
        Assert.Equal(new[] { false, true, false, false }, x.IsNaN().ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true }, x.IsInf().ToArray<bool>());
        Assert.Equal(new[] { true, false, false, false }, x.IsFinite().ToArray<bool>());
        Assert.Equal(new[] { true, true }, Tensor.Arange(2).IsFinite().ToArray<bool>());
        Assert.True(float.IsNaN(x.Max().Item<float>()));
        Assert.Equal(1L, x.ArgMax().Item<long>());
    }

    [Fact]
    public void SavedOutputsAreVersionChecked()
    {
        var x = V(1, 2).RequireGrad();
        var y = x.Exp();
        using (Tensor.NoGrad())
        {
            y.MulInPlace(2);
        }

        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("ExpBackward", e.Message, StringComparison.Ordinal);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => System.Math.Abs(a - b) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
