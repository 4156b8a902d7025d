using System.Collections.Concurrent;
using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests;

/// <summary>The direct max-pool kernel agrees with its readable Unfold + Max twin, forward and backward, ties included.</summary>
public sealed class MaxPoolKernelTests
{
    [Theory]
    [InlineData(2, 2, 0, 1, DType.Float32)]
    [InlineData(3, 2, 1, 1, DType.Float32)]
    [InlineData(3, 1, 1, 2, DType.Float64)]
    [InlineData(2, 3, 1, 1, DType.Float64)]
    public void Kernel_matches_reference(int kernel, int stride, int padding, int dilation, DType dtype)
    {
        // Values rounded to a coarse grid, so windows contain ties and the first maximum must win in both.
        var x = Tensor.RandInt(-3, 4, [2, 3, 9, 8], new Generator(3)).To(dtype) / 2;
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.MaxPool2d(a, [kernel], [stride], [padding], [dilation]);
        var yb = Functional.MaxPool2dReference(b, [kernel], [stride], [padding], [dilation]);
        TensorAssert.Close(yb, ya, 0, 0, "output");
        var g = Tensor.Randn(ya.ShapeArray(), dtype, new Generator(4));
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, 1e-6, 1e-6, "input gradient");
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(3, 17, 63)]
    [InlineData(2, 129, 3)]
    [InlineData(4, 28, 28)]
    public void Two_by_two_fast_path_matches_reference_on_odd_sizes(int channels, int h, int w)
    {
        var x = Tensor.RandInt(-3, 4, [2, channels, h, w], new Generator(7)).To(DType.Float32) / 2;
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.MaxPool2d(a, [2]);
        var yb = Functional.MaxPool2dReference(b, [2]);
        TensorAssert.Close(yb, ya, 0, 0, "output");
        var g = Tensor.Randn(ya.ShapeArray(), DType.Float32, new Generator(8));
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, 1e-6, 1e-6, "input gradient");
    }

    [Fact]
    public void Nan_wins_its_window_like_torch()
    {
        var x = Tensor.FromArray(new float[] { 1, float.NaN, 3, 4 }, 1, 1, 2, 2);
        Assert.True(float.IsNaN(Functional.MaxPool2d(x, [2]).Item<float>()));
    }

    [Theory]
    [InlineData(DType.Float32, 3, 70, 67)]
    [InlineData(DType.Float32, 2, 5, 129)]
    [InlineData(DType.Float64, 2, 17, 35)]
    public void Two_by_two_fast_path_matches_reference_on_wide_rows(DType dtype, int channels, int h, int w)
    {
        // Rows of 33 and 64 outputs run the 16-wide vector step and a scalar tail; coarse values give ties.
        var x = Tensor.RandInt(-2, 3, [2, channels, h, w], new Generator(11)).To(dtype) / 2;
        var a = x.Clone().RequireGrad();
        var b = x.Clone().RequireGrad();
        var ya = Functional.MaxPool2d(a, [2]);
        var yb = Functional.MaxPool2dReference(b, [2]);
        TensorAssert.Close(yb, ya, 0, 0, "output");
        var g = Tensor.Randn(ya.ShapeArray(), dtype, new Generator(12));
        ya.Backward(g);
        yb.Backward(g);
        TensorAssert.Close(b.Grad!, a.Grad!, 0, 0, "input gradient");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Nan_takes_the_gradient_of_its_window_first_nan_wins(DType dtype)
    {
        // One 2 x 40 plane: 20 windows, so float32 runs both the vector step and the scalar tail. Window k holds a
        // NaN at cell k % 4 (scan order), window 3k+1 a second NaN after it; the gradient must go to the first NaN.
        int ow = 20;
        var data = new double[2 * 2 * ow];
        var expected = new double[data.Length];
        var rng = new Random(5);
        for (int i = 0; i < data.Length; i++) data[i] = Math.Round(rng.NextDouble() * 4) - 2;
        for (int k = 0; k < ow; k++)
        {
            int[] cells = [2 * k, (2 * k) + 1, (2 * ow) + (2 * k), (2 * ow) + (2 * k) + 1];
            int first = cells[k % 4];
            data[first] = double.NaN;
            if (k % 3 == 1) data[cells[3]] = double.NaN;
            if (k % 5 == 0) continue; // a window without NaN: its first maximum wins (checked below by the reference)
            expected[first] = k + 1;
        }

        for (int k = 0; k < ow; k += 5)
        {
            int[] cells = [2 * k, (2 * k) + 1, (2 * ow) + (2 * k), (2 * ow) + (2 * k) + 1];
            foreach (int c in cells) data[c] = k % 2 == 0 ? 1 : -0.5; // a four-way tie: the first cell wins
            expected[cells[0]] = k + 1;
        }

        var x = Tensor.FromArray(data, 1, 1, 2, 2 * ow).To(dtype).RequireGrad();
        var y = Functional.MaxPool2d(x, [2]);
        var yv = y.To(DType.Float64).ToArray<double>();
        for (int k = 0; k < ow; k++) Assert.Equal(k % 5 != 0, double.IsNaN(yv[k]));
        var g = Tensor.Arange(1, ow + 1, dtype: dtype).Reshape(1, 1, 1, ow);
        y.Backward(g);
        TensorAssert.Close(Tensor.FromArray(expected, 1, 1, 2, 2 * ow).To(dtype), x.Grad!, 0, 0, "input gradient");
    }

    [Theory]
    [InlineData(4096, 784, 2, 8)]
    [InlineData(5, 10_000, 2, 5)]
    [InlineData(4096, 784, 1, 1)]
    [InlineData(3, 10, 2, 1)]
    [InlineData(0, 784, 2, 1)]
    public void Planes_are_shared_in_whole_blocks_that_cover_each_plane_once(int planes, int planeSize, int threads, int expectedBlocks)
    {
        // Four blocks per thread when the work is large enough; one thread, or a small call, runs one block here.
        var blocks = new ConcurrentBag<(int First, int End)>();
        PoolPlanes.For(planes, planeSize, threads, (first, end) => blocks.Add((first, end)));
        var sorted = blocks.OrderBy(b => b.First).ToList();
        Assert.Equal(expectedBlocks, sorted.Count);
        int next = 0;
        foreach (var (first, end) in sorted)
        {
            Assert.Equal(next, first);
            Assert.True(end >= first);
            next = end;
        }

        Assert.Equal(planes, next);
    }
}
