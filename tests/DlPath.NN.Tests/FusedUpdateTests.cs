namespace DlPath.NN.Tests;

/// <summary>The vectorised Adam update gives exactly the readable per-element loop's numbers, tails included.</summary>
public sealed class FusedUpdateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(129)]
    public void Adam_vectorised_equals_scalar_loop_bit_for_bit(int length)
    {
        var rng = new Random(length);
        float[] Rand() => Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] p = Rand(), g = Rand(), m = Rand(), v = Rand().Select(Math.Abs).ToArray();
        float[] p2 = (float[])p.Clone(), m2 = (float[])m.Clone(), v2 = (float[])v.Clone();
        float b1 = 0.9f, b2 = 0.999f, omb1 = 1 - b1, omb2 = 1 - b2, step = -1e-3f / 0.1f, bc2 = MathF.Sqrt(0.001f), eps = 1e-8f;
        FusedUpdates.Adam<float>(p, g, m, v, b1, b2, omb1, omb2, step, bc2, eps);
        for (int i = 0; i < length; i++)
        {
            m2[i] = (m2[i] * b1) + (omb1 * g[i]);
            v2[i] = (v2[i] * b2) + (omb2 * g[i] * g[i]);
            float denom = (MathF.Sqrt(v2[i]) / bc2) + eps;
            p2[i] += step * m2[i] / denom;
        }

        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        Assert.Equal(p2, p);
    }

    [Theory]
    [InlineData(FusedUpdates.MinElementsPerThread * 2)]
    [InlineData((FusedUpdates.MinElementsPerThread * 3) + 17)]
    public void Adam_split_over_threads_equals_one_pass_bit_for_bit(int length)
    {
        var gen = new DlPath.Tensors.Generator((ulong)length);
        var p = DlPath.Tensors.Tensor.Randn([length], generator: gen);
        var g = DlPath.Tensors.Tensor.Randn([length], generator: gen);
        var m = DlPath.Tensors.Tensor.Randn([length], generator: gen);
        var v = DlPath.Tensors.Tensor.Rand([length], generator: gen);
        float[] p1 = p.ToArray<float>(), m1 = m.ToArray<float>(), v1 = v.ToArray<float>(), g1 = g.ToArray<float>();
        float b1 = 0.9f, b2 = 0.999f, omb1 = 1 - b1, omb2 = 1 - b2, step = -1e-3f / 0.1f, bc2 = MathF.Sqrt(0.001f), eps = 1e-8f;

        FusedUpdates.Adam(p, g, m, v, b1, b2, omb1, omb2, step, bc2, eps);
        FusedUpdates.Adam<float>(p1, g1, m1, v1, b1, b2, omb1, omb2, step, bc2, eps);

        Assert.Equal(m1, m.ToArray<float>());
        Assert.Equal(v1, v.ToArray<float>());
        Assert.Equal(p1, p.ToArray<float>());
    }
}
