using FsCheck;
using FsCheck.Fluent;

namespace DlPath.Tensors.Tests.Properties;

/// <summary>Generators for the property tests: small shapes, broadcast-compatible pairs, seeded float64 data.</summary>
public static class TensorGen
{
    /// <summary>Shapes of rank 1..4 with sizes 1..4 (small enough that every property runs in microseconds).</summary>
    public static Gen<int[]> Shape(int minRank = 1, int maxRank = 4) =>
        Gen.Choose(minRank, maxRank).SelectMany(r => Gen.Choose(1, 4).ArrayOf(r));

    /// <summary>Two shapes that broadcast together: both derived from one output shape by dropping leading dims and setting dims to 1.</summary>
    public static Gen<(int[] A, int[] B)> BroadcastPair() =>
        from outShape in Shape()
        from dropA in Gen.Choose(0, outShape.Length - 1)
        from dropB in Gen.Choose(0, outShape.Length - 1)
        from onesA in Gen.Elements(true, false).ArrayOf(outShape.Length)
        from onesB in Gen.Elements(true, false).ArrayOf(outShape.Length)
        select (Derive(outShape, dropA, onesA), Derive(outShape, dropB, onesB));

    /// <summary>A tensor of the shape filled with values from a seeded generator (integers/4, so sums are exact).</summary>
    public static Tensor Data(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var data = new double[ShapeUtil.Numel(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.Next(-40, 41) / 4.0;
        return Tensor.FromArray(data, shape);
    }

    /// <summary>A shape and a seed for its data.</summary>
    public static Arbitrary<(int[] Shape, int Seed)> ShapeAndSeed(int minRank = 1) =>
        Shape(minRank).SelectMany(s => Gen.Choose(0, 100_000).Select(seed => (s, seed))).ToArbitrary();

    private static int[] Derive(int[] outShape, int drop, bool[] ones) =>
        outShape.Skip(drop).Select((d, i) => ones[i + drop] ? 1 : d).ToArray();
}
