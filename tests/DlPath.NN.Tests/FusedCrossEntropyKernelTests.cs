using DlPath.Tensors;

namespace DlPath.NN.Tests;

/// <summary>
/// The vectorised softmax + cross-entropy kernels agree with their plain double-precision twins on odd batch and
/// class counts, with class weights, ignored targets and large logits, in float32 and float64.
/// </summary>
public class FusedCrossEntropyKernelTests
{
    public static TheoryData<int, int> Sizes
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (int n in new[] { 1, 3, 17, 63, 129 })
            {
                foreach (int c in new[] { 1, 3, 10, 17, 63 }) data.Add(n, c);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void KernelsMatchTheReference(int n, int c)
    {
        var g = new Generator((ulong)((n * 100) + c));

        // Logits far from 0 check the max subtraction; every fifth target is ignored; class weights vary.
        var logits = (Tensor.Randn([n, c], DType.Float64, g) * 30) + 50;
        var target = Tensor.RandInt(0, c, [n], g).AsSpan<long>().ToArray();
        for (int i = 0; i < n; i += 5) target[i] = -100;
        var weights = Tensor.Rand([c], DType.Float64, g).AsSpan<double>().ToArray();
        var scale = Tensor.Randn([n], DType.Float64, g).AsSpan<double>().ToArray();

        // As the loss passes it: upstream gradient times the row's weight, so 0 for ignored rows.
        for (int i = 0; i < n; i++) scale[i] = target[i] == -100 ? 0 : scale[i];
        foreach (var w in new[] { null, weights })
        {
            var xd = logits.AsSpan<double>().ToArray();
            Check<double>(xd, n, c, target, w, scale, 1e-12);
            var xf = xd.Select(v => (float)v).ToArray();
            Check<float>(xf, n, c, target, w, scale, 2e-5);
        }
    }

    private static void Check<T>(T[] x, int n, int c, long[] target, double[]? w, double[] scale, double tol)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (lse1, loss1, rw1) = (new double[n], new double[n], new double[n]);
        var (lse2, loss2, rw2) = (new double[n], new double[n], new double[n]);
        double total1 = FusedCrossEntropy.RowLosses<T>(x, n, c, target, -100, w, lse1, loss1, rw1);
        double total2 = FusedCrossEntropy.RowLossesReference<T>(x, n, c, target, -100, w, lse2, loss2, rw2);
        Assert.Equal(rw2, rw1);
        Assert.True(Math.Abs(total1 - total2) <= tol * (1 + Math.Abs(total2)) * n, $"{typeof(T).Name} total {total1} vs {total2}");
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(lse1[i] - lse2[i]) <= tol * (1 + Math.Abs(lse2[i])), $"{typeof(T).Name} lse[{i}] {lse1[i]} vs {lse2[i]}");
            Assert.True(Math.Abs(loss1[i] - loss2[i]) <= tol * (1 + Math.Abs(lse2[i])), $"{typeof(T).Name} loss[{i}] {loss1[i]} vs {loss2[i]}");
        }

        var dx1 = new T[n * c];
        var dx2 = new T[n * c];
        FusedCrossEntropy.RowGrads<T>(x, dx1, n, c, target, lse2, scale);
        FusedCrossEntropy.RowGradsReference<T>(x, dx2, n, c, target, lse2, scale);
        for (int i = 0; i < dx1.Length; i++)
        {
            double a = double.CreateTruncating(dx1[i]), b = double.CreateTruncating(dx2[i]);
            Assert.True(Math.Abs(a - b) <= tol * (1 + Math.Abs(b)) * 4, $"{typeof(T).Name} dx[{i / c},{i % c}] {a} vs {b}");
        }
    }

    [Fact]
    public void FusedLossMatchesTheGraphFormulationWithGradients()
    {
        var g = new Generator(4);
        var logits = Tensor.Randn([37, 11], generator: g);
        var target = Tensor.RandInt(0, 11, [37], g);
        target.SetValue(-100L, 3);
        var weight = Tensor.Rand([11], generator: g);
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            foreach (var w in new[] { null, weight })
            {
                var x1 = logits.Clone().RequireGrad();
                var x2 = logits.Clone().RequireGrad();
                var fused = Functional.CrossEntropy(x1, target, w, reduction: reduction);
                var graph = Functional.NllLoss(x2.LogSoftmax(1), target, w, reduction: reduction);
                Assert.Equal(graph.ShapeArray(), fused.ShapeArray());
                var upstream = reduction == Reduction.None ? Tensor.Randn([37], generator: g) : Tensor.Scalar(1.7);
                fused.Backward(upstream);
                graph.Backward(upstream);
                AssertClose(graph, fused);
                AssertClose(x2.Grad!, x1.Grad!);
            }
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5 * (1 + Math.Abs(e[i])), $"element {i}: {a[i]} vs {e[i]}");
    }
}
