namespace DlPath.Tensors.Tests.Core;

/// <summary>MatMul hands transposed, sliced, broadcast and batched views to GEMM in place; results must equal the copied inputs'.</summary>
public class MatMulLayoutTests
{
    public static TheoryData<string> Layouts => new() { "plain", "a-transposed", "b-transposed", "both-transposed", "sliced", "batch-broadcast", "batch-permuted", "stepped" };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ViewsGiveTheSameProductAsContiguousCopies(string layout)
    {
        var g = new Generator(3);
        (Tensor a, Tensor b) = layout switch
        {
            "plain" => (Tensor.Randn([17, 33], generator: g), Tensor.Randn([33, 9], generator: g)),
            "a-transposed" => (Tensor.Randn([33, 17], generator: g).T, Tensor.Randn([33, 9], generator: g)),
            "b-transposed" => (Tensor.Randn([17, 33], generator: g), Tensor.Randn([9, 33], generator: g).T),
            "both-transposed" => (Tensor.Randn([33, 17], generator: g).T, Tensor.Randn([9, 33], generator: g).T),
            "sliced" => (Tensor.Randn([20, 40], generator: g).Slice(0, 2, 19).Slice(1, 3, 36), Tensor.Randn([33, 12], generator: g).Slice(1, 1, 10)),
            "batch-broadcast" => (Tensor.Randn([4, 1, 5, 6], generator: g), Tensor.Randn([3, 6, 7], generator: g)),
            "batch-permuted" => (Tensor.Randn([5, 4, 6], generator: g).Permute(1, 0, 2), Tensor.Randn([4, 7, 6], generator: g).MT),
            _ => (Tensor.Randn([10, 8], generator: g).Slice(0, 0, 10, 2), Tensor.Randn([8, 10], generator: g).Slice(1, 0, 10, 3)),
        };
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = a.To(dtype);
            var y = b.To(dtype);
            var expected = x.Contiguous().Clone().MatMul(y.Contiguous().Clone());
            var actual = x.MatMul(y);
            Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
            var e = expected.ToArray<double>();
            var r = actual.ToArray<double>();
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(Math.Abs(e[i] - r[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"{layout} {dtype}: element {i} is {r[i]}, expected {e[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1, 3, 17)]
    [InlineData(17, 63, 5)]
    [InlineData(129, 33, 63)]
    public void GradientsThroughTransposedOperandsMatchContiguousOnes(int m, int k, int n)
    {
        // x.MatMul(w.T) and xT.T.MatMul(w): the gradients reach the leaves with the leaves' own dense layout and
        // the values of the plain product's gradients.
        var g = new Generator((ulong)(m + k + n));
        var dy = Tensor.Randn([m, n], generator: g);
        var xData = Tensor.Randn([m, k], generator: g);
        var wData = Tensor.Randn([n, k], generator: g);

        var x = xData.Clone().RequireGrad();
        var w = wData.Clone().RequireGrad();
        x.MatMul(w.T).Backward(dy);

        var xT = xData.T.Contiguous().RequireGrad(); // (k, m)
        var wT = wData.T.Contiguous().RequireGrad(); // (k, n)
        xT.T.MatMul(wT).Backward(dy);

        var xPlain = xData.Clone().RequireGrad();
        var wPlain = wData.T.Contiguous().RequireGrad();
        xPlain.MatMul(wPlain).Backward(dy);

        Assert.True(w.Grad!.IsContiguous);
        Assert.True(xT.Grad!.IsContiguous);
        AssertClose(xPlain.Grad!, x.Grad!);
        AssertClose(wPlain.Grad!.T, w.Grad);
        AssertClose(xPlain.Grad!.T, xT.Grad);
        AssertClose(wPlain.Grad!, wT.Grad!);
    }

    [Fact]
    public void BatchedTransposedOperandGradientsSumOverTheBroadcast()
    {
        var g = new Generator(8);
        var a = Tensor.Randn([4, 5, 6], DType.Float64, g).RequireGrad();
        var wt = Tensor.Randn([7, 6], DType.Float64, g).RequireGrad();
        var r = GradCheck.Check(t => t[0].MatMul(t[1].MT), [a, Tensor.Randn([3, 1, 7, 6], DType.Float64, g)]);
        Assert.True(r.Passed, r.ToString());
        var r2 = GradCheck.Check(t => t[0].MT.MatMul(t[1].T), [Tensor.Randn([2, 6, 5], DType.Float64, g), wt]);
        Assert.True(r2.Passed, r2.ToString());
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
        var e = expected.ToArray<double>();
        var r = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - r[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"element {i}: {r[i]} vs {e[i]}");
    }

    [Fact]
    public void IntegerMatMulIsExact()
    {
        var a = Tensor.Arange(6).Reshape(2, 3);
        var b = Tensor.Arange(6).Reshape(3, 2);
        Assert.Equal(new long[] { 10, 13, 28, 40 }, a.MatMul(b).ToArray<long>());
    }
}
