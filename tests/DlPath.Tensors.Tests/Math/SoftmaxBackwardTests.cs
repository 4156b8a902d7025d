namespace DlPath.Tensors.Tests.MathOps;

/// <summary>
/// The row-kernel backward of Softmax and LogSoftmax agrees with its tensor-op twin on odd row lengths, every dim of
/// a 3-D tensor, transposed inputs and broadcast upstream gradients.
/// </summary>
public class SoftmaxBackwardTests
{
    public static TheoryData<int[], int> Cases => new()
    {
        { [1, 1], -1 },
        { [3, 17], -1 },
        { [63, 10], 1 },
        { [129, 3], 0 },
        { [2, 17, 5], 0 },
        { [2, 17, 5], 1 },
        { [4, 3, 63], 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RowKernelMatchesTheTensorFormula(int[] shape, int dim)
    {
        var g = new Generator((ulong)(shape.Sum() + dim));
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (bool log in new[] { false, true })
            {
                foreach (bool transposedInput in new[] { false, true })
                {
                    var x = transposedInput ? Tensor.Randn([.. shape[..^2], shape[^1], shape[^2]], dtype, g).MT : Tensor.Randn(shape, dtype, g) * 3;
                    var y = log ? x.LogSoftmax(dim) : x.Softmax(dim);
                    var up = Tensor.Randn(shape, dtype, g);
                    int d = ShapeUtil.WrapDim(dim, shape.Length, "test");
                    Close(Tensor.SoftmaxBackwardReference(y, up, d, log), Tensor.SoftmaxBackward(y, up, d, log), $"{dtype} log={log} transposed={transposedInput}");
                    Close(Tensor.SoftmaxBackwardReference(y, up, d, log), Tensor.SoftmaxBackward(y, up.MT.Contiguous().MT, d, log), "strided g");
                }
            }
        }
    }

    [Fact]
    public void BroadcastUpstreamGradientIsExpandedFirst()
    {
        var g = new Generator(2);
        var x = Tensor.Randn([5, 7], generator: g).RequireGrad();
        x.Softmax(1).Sum().Backward();

        // The rows of softmax sum to 1, so the gradient of their total is 0 everywhere.
        Assert.All(x.Grad!.ToArray<float>(), v => Assert.True(Math.Abs(v) < 1e-6, $"{v}"));
        var x2 = Tensor.Randn([5, 7], generator: g).RequireGrad();
        x2.LogSoftmax(1).Sum().Backward();
        var expected = Tensor.SoftmaxBackwardReference(x2.Detach().LogSoftmax(1), Tensor.Ones([5, 7]), 1, log: true);
        Close(expected, x2.Grad!, "log_softmax sum");
    }

    private static void Close(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        double tol = expected.DType == DType.Float32 ? 1e-5 : 1e-12;
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])), $"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
    }
}
