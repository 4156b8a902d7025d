using DlPath.Tensors.Kernels;

namespace DlPath.Tensors.Tests.Kernels;

/// <summary>The fused ReLU backward (vector steps, parallel chunks) against its plain-loop definition.</summary>
public class ReluGradTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(129)]
    [InlineData((1 << 17) + 5)]
    [InlineData((3 << 17) + 13)]
    public void FusedReluGradMatchesPlainLoop(int n)
    {
        var rng = new Random(n);

        // Zeros, negative zeros and NaN in y: only y > 0 passes the gradient (as torch's threshold_backward).
        var y = new float[n];
        var g = new float[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = (i % 7) switch
            {
                0 => 0f,
                1 => -0f,
                2 => float.NaN,
                _ => (float)(rng.NextDouble() - 0.5),
            };
            g[i] = (float)(rng.NextDouble() * 4) - 2;
        }

        var dx = FusedActivationGrad.Relu(Tensor.FromArray(g, n), Tensor.FromArray(y, n))!.ToArray<float>();
        for (int i = 0; i < n; i++)
        {
            float expected = y[i] > 0 ? g[i] : 0f;
            if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(dx[i]))
            {
                Assert.Fail($"n={n}: dx[{i}] = {dx[i]}, expected {expected} (y = {y[i]}, g = {g[i]})");
            }
        }
    }

    [Fact]
    public void Float64AndAutogradAgree()
    {
        var x = Tensor.Randn([3, 17, 129], DType.Float64, new Generator(4)).RequireGrad();
        var g = Tensor.Randn([3, 17, 129], DType.Float64, new Generator(5));
        x.Relu().Backward(g);
        var expected = Tensor.Where(x.Detach().Gt(0), g, Tensor.ZerosLike(g));
        Assert.Equal(expected.ToArray<double>(), x.Grad!.ToArray<double>());
    }
}
