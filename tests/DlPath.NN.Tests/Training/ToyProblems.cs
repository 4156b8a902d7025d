using DlPath.Tensors;

namespace DlPath.NN.Tests.Training;

/// <summary>Small synthetic problems that train in milliseconds.</summary>
internal static class ToyProblems
{
    /// <summary>Two Gaussian blobs in 2-D, class = which side of x0 + x1 = 0 the centre is on; n samples.</summary>
    public static TensorDataset Blobs(int n, ulong seed)
    {
        var g = new Generator(seed);
        var noise = new float[n * 2];
        g.Normal(noise, 0, 0.5);
        var x = new float[n * 2];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            float centre = y[i] == 1 ? 1.5f : -1.5f;
            x[2 * i] = centre + noise[2 * i];
            x[(2 * i) + 1] = centre + noise[(2 * i) + 1];
        }

        return new TensorDataset(Tensor.FromArray(x, n, 2), Tensor.FromArray(y));
    }

    public static Sequential Classifier(ulong seed)
    {
        var g = new Generator(seed);
        return new Sequential(new Linear(2, 8, generator: g), new Relu(), new Linear(8, 2, generator: g));
    }

    /// <summary>A copy of every tensor of the model's state.</summary>
    public static Dictionary<string, float[]> Weights(Module model) => model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ToArray<float>());

    public static void AssertSameWeights(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, value) in expected) Assert.Equal(value, actual[key]);
    }
}
