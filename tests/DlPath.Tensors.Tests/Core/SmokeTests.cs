namespace DlPath.Tensors.Tests.Core;

public class SmokeTests
{
    [Fact]
    public void BroadcastAddMulAndBackward()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3).RequireGrad();
        var b = Tensor.FromArray(new float[] { 10, 20, 30 }).RequireGrad();
        var y = ((x + b) * x).Sum();
        y.Backward();
        // d/dx (x+b)x = 2x + b ; d/db = sum over rows of x
        Assert.Equal(new float[] { 12, 24, 36, 18, 30, 42 }, x.Grad!.ToArray<float>());
        Assert.Equal(new float[] { 5, 7, 9 }, b.Grad!.ToArray<float>());
        Assert.Equal((1 * 11) + (2 * 22) + (3 * 33) + (4 * 14) + (5 * 25) + (6 * 36), y.Item<float>());
    }

    [Fact]
    public void MatMulShapesAndMessage()
    {
        var a = Tensor.Ones(64, 784);
        var b = Tensor.Ones(128, 10);
        var e = Assert.Throws<ShapeException>(() => a.MatMul(b));
        Assert.Equal("matmul: (64,784) @ (128,10): inner dims 784 != 128", e.Message);
        var c = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2).MatMul(Tensor.FromArray(new float[] { 5, 6, 7, 8 }, 2, 2));
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.ToArray<float>());
    }

    [Fact]
    public void TransposeViewAndToString()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        var t = x.T;
        Assert.False(t.IsContiguous);
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<long>());
        Assert.Equal("tensor([[0, 1, 2],\n        [3, 4, 5]])", x.ToString());
        Assert.Equal("tensor([1.5000, 2.0000])", Tensor.FromArray(new float[] { 1.5f, 2f }).ToString());
    }
}
