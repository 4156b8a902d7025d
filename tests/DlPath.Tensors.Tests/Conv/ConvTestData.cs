namespace DlPath.Tensors.Tests.Conv;

/// <summary>Arrays the convolution kernel tests feed their kernels: random values behind an offset, small integers, NaN.</summary>
internal static class ConvTestData
{
    /// <summary>Uniform values in [-1, 1) at [at, at + length), NaN before and for 7 elements after: reads outside show up.</summary>
    public static float[] Filled(Random rng, int length, int at)
    {
        var a = Nans(at + length + 7);
        for (int i = 0; i < length; i++) a[at + i] = (float)((rng.NextDouble() * 2) - 1);
        return a;
    }

    /// <summary>Integers in [-max, max]: every sum of their products is exact in float32, in any order.</summary>
    public static float[] Ints(Random rng, int length, int max)
    {
        var a = new float[length];
        for (int i = 0; i < length; i++) a[i] = rng.Next(-max, max + 1);
        return a;
    }

    /// <summary>An array of NaN.</summary>
    public static float[] Nans(int length)
    {
        var a = new float[length];
        Array.Fill(a, float.NaN);
        return a;
    }
}
