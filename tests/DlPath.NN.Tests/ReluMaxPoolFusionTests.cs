using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;
using static DlPath.NN.Tests.FusionChecks;

namespace DlPath.NN.Tests;

/// <summary>
/// The fused ReLU + 2x2 max pool (<see cref="Functional.ReluMaxPool2d"/>, and <see cref="Sequential"/>'s use of it)
/// against its unfused twin, max_pool2d(relu(x)): same values and gradients bit for bit, with ties, zeros of both
/// signs, NaN, odd sizes, non-contiguous inputs and float64; and against the readable Unfold + Max reference.
/// </summary>
public sealed class ReluMaxPoolFusionTests
{
    public static TheoryData<int, int, int, int, DType> Shapes => new()
    {
        { 1, 1, 2, 2, DType.Float32 },
        { 1, 1, 3, 3, DType.Float32 },
        { 2, 3, 17, 63, DType.Float32 },
        { 1, 2, 129, 17, DType.Float32 },
        { 2, 1, 6, 129, DType.Float32 },
        { 3, 4, 28, 28, DType.Float32 },
        { 2, 2, 14, 18, DType.Float32 },
        { 1, 3, 17, 63, DType.Float64 },
        { 2, 2, 28, 33, DType.Float64 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_matches_relu_then_pool_bit_for_bit(int n, int c, int h, int w, DType dtype)
    {
        // Coarse values: ties inside windows, all-negative windows, exact zeros; some -0 and NaN cells.
        var x = Special(Grid(n * c * h * w, seed: h * w), nanEvery: 37, negZeroEvery: 11).Reshape(n, c, h, w).To(dtype);
        var g = Tensor.Randn([n, c, h / 2, w / 2], dtype, new Generator((ulong)(h + w)));
        var (yf, dxf) = Run(x, g, fused: true);
        var (yu, dxu) = Run(x, g, fused: false);
        AssertBits(yu, yf, "output");
        AssertBits(dxu, dxf, "input gradient");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_matches_the_unfold_reference(int n, int c, int h, int w, DType dtype)
    {
        // NaN-free data (the reference's max has its own NaN rule); ties and zeros as above.
        var x = Grid(n * c * h * w, seed: (h * 7) + w).Reshape(n, c, h, w).To(dtype);
        var g = Tensor.Randn([n, c, h / 2, w / 2], dtype, new Generator(3));
        var (yf, dxf) = Run(x, g, fused: true);
        var xr = x.Clone().RequireGrad();
        var yr = Functional.MaxPool2dReference(xr.Relu(), [2]);
        yr.Backward(g);
        TensorAssert.Close(yr, yf, 0, 0, "output");
        TensorAssert.Close(xr.Grad!, dxf, 0, 0, "input gradient");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Non_contiguous_input_matches(DType dtype)
    {
        // A (N, C, W, H) tensor transposed to (N, C, H, W): a strided view.
        var x = Special(Grid(2 * 3 * 19 * 34, seed: 5), nanEvery: 29, negZeroEvery: 7).Reshape(2, 3, 19, 34).To(dtype).Transpose(2, 3);
        Assert.False(x.IsContiguous);
        var g = Tensor.Randn([2, 3, 17, 9], dtype, new Generator(6));
        var (yf, dxf) = Run(x, g, fused: true);
        var (yu, dxu) = Run(x.Contiguous(), g, fused: false);
        AssertBits(yu, yf, "output");
        AssertBits(dxu, dxf, "input gradient");
    }

    [Fact]
    public void Corner_values_follow_relu_then_pool()
    {
        // Windows (scan order): a positive tie (first wins), all negative, -0 with negatives, NaN with a positive
        // number, +0 and -0 tied, a lone positive last cell.
        float nz = -0f, nan = float.NaN;
        float[][] windows = [[2, 2, 1, 2], [-1, -2, -3, -4], [nz, -1, -2, -3], [5, nan, 1, 2], [0, nz, nz, 0], [-1, -1, -1, 3]];
        int ow = windows.Length;
        var data = new float[2 * 2 * ow];
        for (int k = 0; k < ow; k++)
        {
            data[2 * k] = windows[k][0];
            data[(2 * k) + 1] = windows[k][1];
            data[(2 * ow) + (2 * k)] = windows[k][2];
            data[(2 * ow) + (2 * k) + 1] = windows[k][3];
        }

        var x = Tensor.FromArray(data, 1, 1, 2, 2 * ow);
        var g = Tensor.Arange(1, ow + 1, dtype: DType.Float32).Reshape(1, 1, 1, ow);
        var (y, dx) = Run(x, g, fused: true);
        var yv = y.ToArray<float>();
        Assert.Equal(2f, yv[0]);
        Assert.Equal(0f, yv[1]);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(yv[2])); // +0, not -0
        Assert.True(float.IsNaN(yv[3]));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(yv[4]));
        Assert.Equal(3f, yv[5]);

        // Only windows 0 (first of the tied 2s) and 5 (the 3) pass a gradient; NaN's relu derivative is 0.
        var expected = new float[data.Length];
        expected[0] = 1;
        expected[(2 * ow) + (2 * 5) + 1] = 6;
        Assert.Equal(expected, dx.ToArray<float>());
        var (yu, dxu) = Run(x, g, fused: false);
        AssertBits(yu, y, "output");
        AssertBits(dxu, dx, "input gradient");
    }

    [Theory]
    [InlineData(DType.Float32, 3, 17, 63)]
    [InlineData(DType.Float64, 2, 9, 35)]
    public void Every_gradient_cell_is_written(DType dtype, int c, int h, int w)
    {
        // Leave NaN-filled arrays of exactly the output's and gradient's lengths in the tensor pool, so kernels that
        // take "uninitialised" buffers get poisoned ones: a cell the kernel forgets (the last odd row or column, a
        // window's losing cells) shows up as NaN.
        int numel = 2 * c * h * w, outNumel = 2 * c * (h / 2) * (w / 2);
        var x = Grid(numel, seed: 9).Reshape(2, c, h, w).To(dtype);
        var g = Tensor.Randn([2, c, h / 2, w / 2], dtype, new Generator(10));
        for (int round = 0; round < 3; round++)
        {
            PoisonPool(numel, dtype);
            PoisonPool(outNumel, dtype);
            var (y, dx) = Run(x, g, fused: true);
            Assert.False(y.IsNaN().Any().Item<bool>(), "output has an unwritten cell");
            Assert.False(dx.IsNaN().Any().Item<bool>(), "input gradient has an unwritten cell");
            PoisonPool(numel, dtype);
            PoisonPool(outNumel, dtype);
            var (yu, dxu) = Run(x, g, fused: false);
            Assert.False(yu.IsNaN().Any().Item<bool>(), "unfused output has an unwritten cell");
            Assert.False(dxu.IsNaN().Any().Item<bool>(), "unfused input gradient has an unwritten cell");
        }
    }

    [Fact]
    public void Gradient_checks_in_float64()
    {
        // Distinct values away from 0: max and relu are differentiable there.
        var x = (Tensor.RandPerm(2 * 2 * 6 * 7, new Generator(4)).To(DType.Float64) - 40).Reshape(2, 2, 6, 7) * 0.1;
        var result = GradCheck.Check(t => Functional.ReluMaxPool2d(t[0], [2]), [x]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Other_windows_run_the_two_ops_in_turn()
    {
        var x = Grid(2 * 3 * 11 * 10, seed: 12).Reshape(2, 3, 11, 10);
        var fused = Functional.ReluMaxPool2d(x.Clone().RequireGrad(), [3], [2], [1]);
        Assert.Equal("MaxPool2dKernelBackward", fused.GradFn!.Name);
        TensorAssert.Close(Functional.MaxPool2d(x.Relu(), [3], [2], [1]), fused, 0, 0, "3x3 / stride 2 output");
        var ceil = Functional.ReluMaxPool2d(x, [2], ceilMode: true);
        Assert.Equal([2, 3, 6, 5], ceil.ShapeArray());
        TensorAssert.Close(Functional.MaxPool2d(x.Relu(), [2], ceilMode: true), ceil, 0, 0, "ceil-mode output");
        Assert.Equal("ReluMaxPool2dKernelBackward", Functional.ReluMaxPool2d(x.Clone().RequireGrad(), [2]).GradFn!.Name);
    }

    [Theory]
    [InlineData(DType.Float32, 14, 14)]
    [InlineData(DType.Float32, 13, 11)]
    [InlineData(DType.Float64, 12, 10)]
    public void Sequential_fused_step_equals_unfused_step(DType dtype, int h, int w)
    {
        var net = new Sequential(
            new Conv2d(2, 4, 3, padding: 1, dtype: dtype), new Relu(), new MaxPool2d(2),
            new Conv2d(4, 3, 3, padding: 1, dtype: dtype), new Relu(), new MaxPool2d(2),
            new Flatten(), new Linear(3 * (h / 2 / 2) * (w / 2 / 2), 5, dtype: dtype), new Relu(), new Linear(5, 3, dtype: dtype));
        var x = Tensor.Randn([4, 2, h, w], dtype, new Generator(21));
        var stateBefore = net.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());

        // Float32 conv blocks fuse whole (conv + relu + pool) where the direct kernel runs; float64 fuses relu + pool.
        bool convFused = dtype == DType.Float32 && System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512BW.VL.IsSupported;
        string fusedNode = convFused ? "Conv2dReluMaxPool2dKernelBackward" : "ReluMaxPool2dKernelBackward";
        var (outFused, gradsFused, dxFused) = Step(net, x, fuse: true);
        Assert.Equal(2, CountNodes(outFused, fusedNode));
        Assert.Equal(convFused ? 0 : 2, CountNodes(outFused, "ReluMaxPool2dKernelBackward"));
        Assert.Equal(0, CountNodes(outFused, "MaxPool2dKernelBackward"));
        var (outPlain, gradsPlain, dxPlain) = Step(net, x, fuse: false);
        Assert.Equal(0, CountNodes(outPlain, "ReluMaxPool2dKernelBackward"));
        Assert.Equal(0, CountNodes(outPlain, "Conv2dReluMaxPool2dKernelBackward"));
        Assert.Equal(2, CountNodes(outPlain, "MaxPool2dKernelBackward"));

        AssertBits(outPlain, outFused, "output");
        AssertBits(dxPlain, dxFused, "input gradient");
        Assert.Equal(gradsPlain.Keys, gradsFused.Keys);

        // A fused conv's bias gradient sums the pooled gradient in another order: equal up to rounding only.
        var convBiases = convFused ? new HashSet<string> { "0.bias", "3.bias" } : [];
        Assert.Subset(gradsPlain.Keys.ToHashSet(), convBiases);
        foreach (var (name, g) in gradsPlain)
        {
            if (convBiases.Contains(name)) AssertRelClose(g, gradsFused[name], 1e-5, name);
            else AssertBits(g, gradsFused[name], name);
        }

        // The modules and their state are untouched by the fusion.
        Assert.Equal(10, net.Count);
        var stateAfter = net.StateDict();
        Assert.Equal(stateBefore.Keys, stateAfter.Keys);
        foreach (var (name, t) in stateBefore) AssertBits(t, stateAfter[name], name);
    }

    [Fact]
    public void A_hooked_module_runs_unfused_and_its_hook_sees_it()
    {
        var relu = new Relu();
        var pool = new MaxPool2d(2);
        var net = new Sequential(relu, pool);
        var x = Grid(2 * 3 * 8 * 6, seed: 30).Reshape(2, 3, 8, 6).RequireGrad();
        Assert.Equal("ReluMaxPool2dKernelBackward", net.Call(x).GradFn!.Name);

        Tensor? seen = null;
        using (relu.RegisterForwardHook((_, _, output) => seen = output))
        {
            var y = net.Call(x);
            Assert.Equal("MaxPool2dKernelBackward", y.GradFn!.Name);
            Assert.NotNull(seen);
            TensorAssert.Close(x.Detach().Relu(), seen!, 0, 0, "hooked relu output");
        }

        Assert.Equal("ReluMaxPool2dKernelBackward", net.Call(x).GradFn!.Name);
    }

    [Fact]
    public void In_place_change_of_the_input_before_backward_is_caught()
    {
        var x = Grid(1 * 2 * 4 * 4, seed: 31).Reshape(1, 2, 4, 4).RequireGrad();
        var a = x * 1.0;
        var y = Functional.ReluMaxPool2d(a, [2]);
        a.Detach().AddInPlace(Tensor.Scalar(1.0));
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    // Runs x through relu + 2x2 pool, fused or as the two ops, and returns the output and dL/dx for L = sum(y * g).
    private static (Tensor Y, Tensor Dx) Run(Tensor x, Tensor g, bool fused)
    {
        var xi = x.Detach().RequireGrad();
        var y = fused ? Functional.ReluMaxPool2d(xi, [2]) : Functional.MaxPool2d(xi.Relu(), [2]);
        if (fused) Assert.Equal("ReluMaxPool2dKernelBackward", y.GradFn!.Name);
        y.Backward(g);
        return (y.Detach(), xi.Grad!);
    }

    private static (Tensor Output, Dictionary<string, Tensor> Grads, Tensor Dx) Step(Sequential net, Tensor x, bool fuse)
    {
        net.FuseReluMaxPool = fuse;
        net.ZeroGrad();
        var xi = x.Detach().RequireGrad();
        var output = net.Call(xi);
        (output * output).Sum().Backward();
        var grads = net.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.Clone());
        return (output, grads, xi.Grad!);
    }

    // Halves of integers in [-3, 3]: many ties, exact zeros, all-negative windows.
    private static Tensor Grid(int numel, int seed) => Tensor.RandInt(-3, 4, [numel], new Generator((ulong)seed)).To(DType.Float64) / 2;

    private static Tensor Special(Tensor flat, int nanEvery, int negZeroEvery)
    {
        var v = flat.ToArray<double>();
        for (int i = 0; i < v.Length; i++)
        {
            if (i % nanEvery == nanEvery - 1) v[i] = double.NaN;
            else if (i % negZeroEvery == 3) v[i] = -0.0;
        }

        return Tensor.FromArray(v, v.Length);
    }
}
