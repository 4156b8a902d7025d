namespace DlPath.Tensors.Tests.Core;

/// <summary>
/// The fused <see cref="Tensor.Linear"/> agrees with its readable twin (<c>x.MatMul(w.T) + b</c>) in the output and
/// in every gradient, on odd sizes, batched and strided inputs, without bias, and passes a float64 gradient check.
/// </summary>
public class LinearOpTests
{
    public static TheoryData<int, int, int> Sizes
    {
        get
        {
            var data = new TheoryData<int, int, int>();
            int[] sizes = [1, 3, 17, 63, 129];
            foreach (int m in sizes)
            {
                foreach (int i in sizes)
                {
                    foreach (int o in sizes)
                    {
                        // Every size on every axis, without the full 125-case cube.
                        if ((m + (2 * i) + (3 * o)) % 4 == 0 || (m == i && i == o)) data.Add(m, i, o);
                    }
                }
            }

            data.Add(128, 784, 256);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void FusedMatchesReferenceInOutputAndGradients(int m, int inF, int outF)
    {
        var g = new Generator((ulong)((m * 10007) + (inF * 101) + outF));
        foreach (bool withBias in new[] { true, false })
        {
            var x = Tensor.Randn([m, inF], generator: g);
            var w = Tensor.Randn([outF, inF], generator: g);
            var b = withBias ? Tensor.Randn([outF], generator: g) : null;
            var dy = Tensor.Randn([m, outF], generator: g);
            Compare(x, w, b, dy, $"({m},{inF})·({outF},{inF})ᵀ bias={withBias}");
        }
    }

    [Fact]
    public void LeadingDimsAndSingleSamplesWork()
    {
        var g = new Generator(5);
        var w = Tensor.Randn([7, 5], generator: g);
        var b = Tensor.Randn([7], generator: g);
        Compare(Tensor.Randn([2, 3, 5], generator: g), w, b, Tensor.Randn([2, 3, 7], generator: g), "3-D input");
        Compare(Tensor.Randn([4, 1, 3, 5], generator: g), w, null, Tensor.Randn([4, 1, 3, 7], generator: g), "4-D input, no bias");
        Compare(Tensor.Randn([5], generator: g), w, b, Tensor.Randn([7], generator: g), "1-D input");
    }

    [Fact]
    public void StridedInputsAndWeightsWork()
    {
        var g = new Generator(9);

        // A transposed input, a transposed weight (stored (in, out)) and a sliced weight.
        var b = Tensor.Randn([21], generator: g);
        Compare(Tensor.Randn([19, 33], generator: g), t => t.T, Tensor.Randn([19, 21], generator: g), t => t.T, b, Tensor.Randn([33, 21], generator: g), "transposed x and w");
        var wBig = Tensor.Randn([30, 40], generator: g);
        Tensor Sliced(Tensor t) => t.Slice(0, 2, 23).Slice(1, 1, 20);
        Compare(Tensor.Randn([6, 19], generator: g), t => t, wBig, Sliced, b, Tensor.Randn([6, 21], generator: g), "sliced w");

        // An upstream gradient that is a broadcast view (what Sum's backward hands down).
        Compare(Tensor.Randn([8, 19], generator: g), t => t, wBig, Sliced, b, Tensor.Ones([1, 21]).Expand([8, 21]), "expanded upstream gradient");
    }

    [Fact]
    public void OnlyRequestedGradientsAreComputed()
    {
        var g = new Generator(11);
        var x = Tensor.Randn([4, 3], generator: g);
        var w = Tensor.Randn([2, 3], generator: g).RequireGrad();
        var b = Tensor.Randn([2], generator: g);
        Tensor.Linear(x, w, b).Sum().Backward();
        Assert.Null(x.Grad);
        Assert.Null(b.Grad);
        Assert.NotNull(w.Grad);
        Assert.True(w.Grad!.IsContiguous);
        Assert.Equal(new[] { 2, 3 }, w.Grad.ShapeArray());
    }

    [Fact]
    public void EmptyDimsGiveTorchsResults()
    {
        // in = 0: the product is empty, so y is the bias on every row and dW is (out, 0).
        var w = Tensor.Zeros([3, 0]).RequireGrad();
        var b = Tensor.FromArray(new float[] { 1, 2, 3 }).RequireGrad();
        var y = Tensor.Linear(Tensor.Zeros([2, 0]), w, b);
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, y.ToArray<float>());
        y.Sum().Backward();
        Assert.Equal(new float[] { 2, 2, 2 }, b.Grad!.ToArray<float>());

        // No rows: empty output, zero weight gradient.
        var w2 = Tensor.Ones([3, 4]).RequireGrad();
        var y2 = Tensor.Linear(Tensor.Zeros([0, 4]), w2);
        Assert.Equal(new[] { 0, 3 }, y2.ShapeArray());
        y2.Sum().Backward();
        Assert.All(w2.Grad!.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MixedDtypesAndBroadcastBiasFallBackToTheReference()
    {
        var g = new Generator(13);
        var x = Tensor.Randn([4, 3], generator: g);
        var w = Tensor.Randn([2, 3], DType.Float64, g);
        var b = Tensor.Randn([1], generator: g);
        var expected = Tensor.LinearReference(x, w, b);
        var actual = Tensor.Linear(x, w, b);
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.ToArray<double>(), actual.ToArray<double>());
        Assert.Throws<ShapeException>(() => Tensor.Linear(x, Tensor.Zeros([2, 4])));
        Assert.Throws<ShapeException>(() => Tensor.Linear(x, Tensor.Zeros([3])));
    }

    [Fact]
    public void PassesFloat64GradCheck()
    {
        var g = new Generator(17);
        var r = GradCheck.Check(t => Tensor.Linear(t[0], t[1], t[2]), [Tensor.Randn([2, 3, 5], generator: g), Tensor.Randn([4, 5], generator: g), Tensor.Randn([4], generator: g)]);
        Assert.True(r.Passed, r.ToString());
        var r2 = GradCheck.Check(t => Tensor.Linear(t[0], t[1]), [Tensor.Randn([3, 17], generator: g), Tensor.Randn([3, 17], generator: g)]);
        Assert.True(r2.Passed, r2.ToString());
    }

    private static void Compare(Tensor x0, Tensor w0, Tensor? b0, Tensor dy, string what) =>
        Compare(x0, t => t, w0, t => t, b0, dy, what);

    // The leaves are dense; xView and wView turn them into the layout under test (a transpose, a slice), so the
    // gradients reach the leaves through those views, as a learner's code would send them.
    private static void Compare(Tensor x0, Func<Tensor, Tensor> xView, Tensor w0, Func<Tensor, Tensor> wView, Tensor? b0, Tensor dy, string what)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (x1, w1, b1) = (Leaf(x0, dtype), Leaf(w0, dtype), b0 is null ? null : Leaf(b0, dtype));
            var (x2, w2, b2) = (Leaf(x0, dtype), Leaf(w0, dtype), b0 is null ? null : Leaf(b0, dtype));
            var fused = Tensor.Linear(xView(x1), wView(w1), b1);
            var reference = Tensor.LinearReference(xView(x2), wView(w2), b2);
            Assert.Equal(reference.ShapeArray(), fused.ShapeArray());
            Assert.Equal("LinearBackward", fused.GradFn!.Name);
            Close(reference, fused, $"{what} {dtype}: y");
            fused.Backward(dy.To(dtype));
            reference.Backward(dy.To(dtype));
            Close(x2.Grad!, x1.Grad!, $"{what} {dtype}: dx");
            Close(w2.Grad!, w1.Grad!, $"{what} {dtype}: dW");
            if (b0 is not null) Close(b2!.Grad!, b1!.Grad!, $"{what} {dtype}: db");
        }
    }

    private static Tensor Leaf(Tensor t, DType dtype) => t.To(dtype).Contiguous().Clone().Detach().RequireGrad();

    private static void Close(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.ShapeArray(), actual.ShapeArray());
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        double tol = expected.DType == DType.Float32 ? 2e-4 : 1e-10;
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])), $"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
        }
    }
}
