using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DlPath.Tensors.Tests.Properties;

/// <summary>Views: round trips give back the data, views share storage, writes through a view show in the base.</summary>
public class ViewProperties
{
    [Property(MaxTest = 100)]
    public Property ReshapeRoundTripKeepsData() => Prop.ForAll(TensorGen.ShapeAndSeed(), c =>
    {
        var x = TensorGen.Data(c.Shape, c.Seed);
        var flat = x.Reshape(-1);
        var back = flat.Reshape(c.Shape);
        return flat.SharesStorageWith(x) && back.Shape.SequenceEqual(c.Shape) && back.ToArray<double>().SequenceEqual(x.ToArray<double>());
    });

    [Property(MaxTest = 100)]
    public Property PermuteThenInverseIsIdentity() => Prop.ForAll(
        TensorGen.Shape().SelectMany(s => Gen.Shuffle(Enumerable.Range(0, s.Length)).Select(p => (s, p.ToArray()))).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.s, 17);
            var perm = c.Item2;
            var inverse = new int[perm.Length];
            for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            var permuted = x.Permute(perm);

            // A copy in permuted order, permuted back, must equal the original element for element.
            var back = permuted.Contiguous().Permute(inverse);
            bool shapeOk = permuted.Shape.SequenceEqual(perm.Select(p => c.s[p]).ToArray());
            return shapeOk && permuted.SharesStorageWith(x) && back.ToArray<double>().SequenceEqual(x.ToArray<double>());
        });

    [Property(MaxTest = 100)]
    public Property TransposeTwiceIsIdentity() => Prop.ForAll(TensorGen.ShapeAndSeed(minRank: 2), c =>
    {
        var x = TensorGen.Data(c.Shape, c.Seed);
        var t = x.Transpose(0, -1).Transpose(0, -1);
        return t.Strides.SequenceEqual(x.Strides) && t.ToArray<double>().SequenceEqual(x.ToArray<double>());
    });

    [Property(MaxTest = 200)]
    public Property SliceMatchesPythonSlicing() => Prop.ForAll(
        (from shape in TensorGen.Shape()
         from dim in Gen.Choose(0, shape.Length - 1)
         from start in Gen.Choose(-5, 5)
         from stop in Gen.Choose(-5, 5)
         from step in Gen.Choose(1, 3)
         select (shape, dim, start, stop, step)).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.shape, 3);
            var view = x[Enumerable.Repeat(TensorIndex.Colon, c.dim).Append(TensorIndex.Slice(c.start, c.stop, c.step)).ToArray()];

            // The positions Python's range(*slice(start, stop, step).indices(n)) would pick.
            int n = c.shape[c.dim];
            int s = Math.Clamp(c.start < 0 ? c.start + n : c.start, 0, n), e = Math.Clamp(c.stop < 0 ? c.stop + n : c.stop, 0, n);
            var picked = new List<long>();
            for (int i = s; i < e; i += c.step) picked.Add(i);
            var expected = x.IndexSelect(c.dim, Tensor.FromArray(picked.ToArray()));
            return view.SharesStorageWith(x) && view.Shape.SequenceEqual(expected.Shape) && view.ToArray<double>().SequenceEqual(expected.ToArray<double>());
        });

    [Property(MaxTest = 100)]
    public Property WritesThroughAViewShowInTheBase() => Prop.ForAll(
        (from shape in TensorGen.Shape(minRank: 2)
         from row in Gen.Choose(0, 3)
         select (shape, row % shape[0])).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.shape, 5);
            var before = x.ToArray<double>();
            int version = x.Version;
            var view = x[c.Item2, TensorIndex.Ellipsis].Transpose(0, -1);
            view.Fill(1000);
            var after = x.ToArray<double>();
            int rowSize = after.Length / c.shape[0];
            bool ok = x.Version > version;
            for (int i = 0; i < after.Length; i++)
            {
                bool inRow = i / rowSize == c.Item2;
                ok &= inRow ? after[i] == 1000 : after[i] == before[i];
            }

            return ok;
        });

    [Property(MaxTest = 100)]
    public Property SplitThenCatIsIdentity() => Prop.ForAll(
        (from shape in TensorGen.Shape()
         from dim in Gen.Choose(0, shape.Length - 1)
         from size in Gen.Choose(1, 4)
         select (shape, dim, size)).ToArbitrary(),
        c =>
        {
            var x = TensorGen.Data(c.shape, 9);
            var parts = x.Split(c.size, c.dim);
            var back = Tensor.Cat(parts, c.dim);
            return parts.All(p => p.SharesStorageWith(x)) && back.ToArray<double>().SequenceEqual(x.ToArray<double>());
        });
}
