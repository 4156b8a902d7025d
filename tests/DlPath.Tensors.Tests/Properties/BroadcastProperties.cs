using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DlPath.Tensors.Tests.Properties;

/// <summary>Broadcasting: the fast binary kernels agree with explicit Expand + Contiguous, and the shape rule is symmetric.</summary>
public class BroadcastProperties
{
    [Property(MaxTest = 200)]
    public Property AddEqualsExplicitExpand() => Prop.ForAll(
        TensorGen.BroadcastPair().SelectMany(p => Gen.Choose(0, 1000).Select(seed => (p.A, p.B, seed))).ToArbitrary(),
        c =>
        {
            var a = TensorGen.Data(c.A, c.seed);
            var b = TensorGen.Data(c.B, c.seed + 1);
            var outShape = ShapeUtil.Broadcast(c.A, c.B, "test");
            var expected = a.Expand(outShape).Contiguous().ToArray<double>()
                .Zip(b.Expand(outShape).Contiguous().ToArray<double>(), (x, y) => x + y).ToArray();
            var sum = a + b;
            return sum.Shape.SequenceEqual(outShape) && sum.ToArray<double>().SequenceEqual(expected);
        });

    [Property(MaxTest = 200)]
    public Property BroadcastShapeIsCommutative() => Prop.ForAll(
        TensorGen.BroadcastPair().ToArbitrary(),
        p => ShapeUtil.Broadcast(p.A, p.B, "test").SequenceEqual(ShapeUtil.Broadcast(p.B, p.A, "test")));

    [Property(MaxTest = 100)]
    public Property MulIsCommutativeUnderBroadcast() => Prop.ForAll(
        TensorGen.BroadcastPair().SelectMany(p => Gen.Choose(0, 1000).Select(seed => (p.A, p.B, seed))).ToArbitrary(),
        c =>
        {
            var a = TensorGen.Data(c.A, c.seed);
            var b = TensorGen.Data(c.B, c.seed + 7);
            var ab = a * b;
            var ba = b * a;
            return ab.Shape.SequenceEqual(ba.Shape) && ab.ToArray<double>().SequenceEqual(ba.ToArray<double>());
        });
}
