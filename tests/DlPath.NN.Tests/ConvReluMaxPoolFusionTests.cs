using System.Runtime.Intrinsics.X86;
using DlPath.Tensors;
using static DlPath.NN.Tests.FusionChecks;

namespace DlPath.NN.Tests;

/// <summary>
/// The fused Conv2d + ReLU + MaxPool2d(2) node (<see cref="Conv2dReluMaxPool2dKernel"/>, which <see cref="Sequential"/>
/// uses for a conv block) against the three modules run in turn on the same Conv2d: output bit for bit; dx and dW bit
/// for bit, or up to rounding where the backward sums over the windows' winners only (8 input channels or more); db
/// up to rounding (the pooled paths sum the gradient in another order). On integer data every path is exact. Shapes with odd sizes and channel counts
/// that are not multiples of the vector width, the backward's pooled and dense paths, frozen weights and inputs
/// without gradient, the cases that must not fuse, ties, NaN and signed zeros, cells left unwritten, a whole
/// Fashion-MNIST-shaped training step and finite differences in float64. Where the forward runs on Winograd's
/// F(2x2, 3x3) (the CNN's second block), which rounds otherwise than the plain convolution, the data are small
/// integers, exact either way, and one more check compares random data within rounding.
/// </summary>
public sealed class ConvReluMaxPoolFusionTests
{
    private const string FusedNode = "Conv2dReluMaxPool2dKernelBackward";

    // The fused kernel needs AVX-512 (the direct convolution); elsewhere Sequential must keep the modules apart.
    private static readonly bool CanFuse = Avx512F.IsSupported && Avx512BW.VL.IsSupported;

    // (N, C, O, H, W, kernel, padding, bias, input needs grad, weight needs grad). Kernel 3 padding 1 takes the
    // pooled backward (dx + dW, or dW alone); kernel 3 padding 0 takes it for dW alone and the dense fallback with
    // dx; kernels 1 and 5 always take the fallback.
    public static TheoryData<int, int, int, int, int, int, int, bool, bool, bool> Shapes => new()
    {
        { 1, 1, 1, 5, 5, 3, 1, true, true, true },
        { 3, 2, 3, 7, 7, 3, 1, true, true, true },
        { 5, 3, 8, 9, 9, 3, 1, false, true, true },
        { 1, 17, 9, 11, 11, 3, 1, true, false, true },
        { 3, 32, 64, 14, 14, 3, 1, true, true, true },
        { 1, 1, 32, 28, 28, 3, 1, true, false, true },
        { 5, 1, 3, 28, 28, 3, 1, true, false, true },
        { 3, 3, 17, 17, 33, 3, 1, true, true, true },
        { 5, 2, 17, 13, 13, 3, 1, true, true, false },
        { 3, 17, 64, 13, 14, 3, 1, false, true, false },
        { 1, 1, 1, 2, 2, 3, 1, true, true, true },
        { 1, 3, 3, 13, 14, 3, 0, true, true, true },
        { 3, 2, 8, 9, 17, 3, 0, true, false, true },
        { 5, 32, 9, 5, 5, 3, 0, true, true, true },
        { 3, 3, 9, 14, 14, 3, 0, false, true, false },
        { 1, 17, 1, 11, 11, 3, 0, false, false, true },
        { 3, 17, 9, 7, 7, 1, 0, true, true, true },
        { 1, 32, 64, 14, 14, 1, 0, false, false, true },
        { 5, 2, 3, 17, 33, 1, 0, true, true, false },
        { 3, 3, 8, 11, 11, 5, 2, true, true, true },
        { 1, 2, 17, 17, 33, 5, 2, true, false, true },
        { 3, 1, 64, 9, 7, 5, 2, false, true, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_block_matches_the_three_modules(int n, int c, int o, int h, int w, int k, int pad, bool bias, bool inputGrad, bool weightGrad)
    {
        var conv = new Conv2d(c, o, k, padding: pad, bias: bias, generator: new Generator((ulong)((n * 1000) + (c * 100) + o)));
        var x = Tensor.Randn([n, c, h, w], DType.Float32, new Generator((ulong)(h * w)));
        if (TakesWinograd(c, o, h, w, k, pad))
        {
            // The Winograd forward rounds otherwise than the plain convolution; small integers keep both exact, so
            // values, winners and gradients still compare bit for bit.
            SetParameters(conv, SmallInts([o, c, k, k], 80), SmallInts([o], 81));
            x = SmallInts([n, c, h, w], 82);
        }

        conv.Weight.RequiresGrad = weightGrad;
        var g = Tensor.Randn([n, o, (h + (2 * pad) - k + 1) / 2, (w + (2 * pad) - k + 1) / 2], DType.Float32, new Generator((ulong)(o + k)));
        var fused = Run(conv, x, g, fuse: true, inputGrad);
        var plain = Run(conv, x, g, fuse: false, inputGrad);
        Assert.Equal(CanFuse ? FusedNode : "MaxPool2dKernelBackward", fused.Node);
        AssertSame(plain, fused, dbBitwise: DenseFallback(k, pad, inputGrad, weightGrad), gradsRounded: WinnersOnly(c));
        Assert.Equal(inputGrad, fused.Dx is not null);
        Assert.Equal(weightGrad, fused.Dw is not null);
        Assert.Equal(bias, fused.Db is not null);
    }

    [Fact]
    public void Winograd_block_on_random_data_matches_within_rounding()
    {
        // The CNN's second block on random data: the Winograd forward's values are the three modules' up to float32
        // rounding (a few ulps of the output's magnitude; gradients follow the winners, compared exactly above).
        var conv = new Conv2d(32, 64, 3, padding: 1, generator: new Generator(90));
        var x = Tensor.Randn([2, 32, 14, 14], DType.Float32, new Generator(91));
        var g = Tensor.Randn([2, 64, 7, 7], DType.Float32, new Generator(92));
        var fused = Run(conv, x, g, fuse: true, inputGrad: true);
        var plain = Run(conv, x, g, fuse: false, inputGrad: true);
        Assert.Equal(CanFuse ? FusedNode : "MaxPool2dKernelBackward", fused.Node);
        AssertRelClose(plain.Y, fused.Y, 1e-5, "output");
    }

    [Fact]
    public void Fusion_applies_only_where_it_suits()
    {
        var x = Tensor.Randn([2, 4, 11, 11], DType.Float32, new Generator(40));
        Assert.Equal(CanFuse ? FusedNode : "MaxPool2dKernelBackward", Block(new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(2)).Call(x.Detach().RequireGrad()).GradFn!.Name);

        // Each of these runs conv, then relu + pool (fused or not), and gives the three modules' values.
        (string What, Conv2d Conv, MaxPool2d Pool, Tensor Input)[] cases =
        [
            ("float64", new Conv2d(4, 6, 3, padding: 1, dtype: DType.Float64), new MaxPool2d(2), x.To(DType.Float64)),
            ("groups 2", new Conv2d(4, 6, 3, padding: 1, groups: 2), new MaxPool2d(2), x),
            ("stride 2", new Conv2d(4, 6, 3, stride: 2, padding: 1), new MaxPool2d(2), x),
            ("dilation 2", new Conv2d(4, 6, 3, padding: 2, dilation: 2), new MaxPool2d(2), x),
            ("padding = kernel", new Conv2d(4, 6, 1, padding: 1), new MaxPool2d(2), x),
            ("pool 3x3", new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(3), x),
            ("pool 3x3 stride 2", new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(3, 2), x),
            ("pool 2x2 stride 1", new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(2, 1), x),
            ("pool padding 1", new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(2, 2, 1), x),
            ("pool ceil mode, odd size", new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(2, ceilMode: true), x),
        ];
        foreach (var (what, conv, pool, input) in cases)
        {
            var net = Block(conv, pool);
            var xi = input.Detach().RequireGrad();
            var y = net.Call(xi);
            Assert.True(y.GradFn!.Name != FusedNode, what);
            Assert.Equal(0, CountNodes(y, FusedNode));
            AssertBits(pool.Call(conv.Call(input).Relu()), y.Detach(), what);
        }

        var off = Block(new Conv2d(4, 6, 3, padding: 1), new MaxPool2d(2));
        off.FuseReluMaxPool = false;
        Assert.Equal("MaxPool2dKernelBackward", off.Call(x.Detach().RequireGrad()).GradFn!.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_forward_hook_on_any_of_the_three_keeps_them_apart(int hooked)
    {
        var conv = new Conv2d(3, 5, 3, padding: 1, generator: new Generator(41));
        var net = Block(conv, new MaxPool2d(2));
        var x = Tensor.Randn([2, 3, 9, 10], DType.Float32, new Generator(42));
        var g = Tensor.Randn([2, 5, 4, 5], DType.Float32, new Generator(43));
        var fusedBefore = Run(net, x, g, fuse: true, inputGrad: true);
        Assert.Equal(CanFuse ? FusedNode : "MaxPool2dKernelBackward", fusedBefore.Node);

        // What the hooked module must see (computed before the hook is in place): its own call's input and output.
        var convOut = conv.Call(x).Detach();
        var pooled = net[2].Call(convOut.Relu()).Detach();
        var (expectedInput, expectedOutput) = hooked switch { 0 => (x, convOut), 1 => (convOut, convOut.Relu()), _ => (convOut.Relu(), pooled) };
        Tensor? seenInput = null, seenOutput = null;
        int calls = 0;
        using (net[hooked].RegisterForwardHook((_, input, output) => (seenInput, seenOutput, calls) = (input, output, calls + 1)))
        {
            var hookedRun = Run(net, x, g, fuse: true, inputGrad: true);
            Assert.NotEqual(FusedNode, hookedRun.Node);
            Assert.Equal(1, calls);
            AssertBits(expectedInput, seenInput!.Detach(), "hooked module's input");
            AssertBits(expectedOutput, seenOutput!.Detach(), "hooked module's output");
            AssertSame(fusedBefore, hookedRun);
        }

        Assert.Equal(CanFuse ? FusedNode : "MaxPool2dKernelBackward", Run(net, x, g, fuse: true, inputGrad: true).Node);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 0)]
    [InlineData(1, 0)]
    [InlineData(5, 2)]
    public void Ties_from_integer_grids_and_zero_weights_match(int k, int pad)
    {
        // Integer inputs and weights: every sum is exact in any order, so windows hold many exact ties.
        var conv = new Conv2d(3, 9, k, padding: pad);
        var w = Tensor.RandInt(-1, 2, [9, 3, k, k], new Generator(44)).To(DType.Float32);
        SetParameters(conv, w, Tensor.RandInt(-1, 2, [9], new Generator(45)).To(DType.Float32));
        var x = Tensor.RandInt(-2, 3, [3, 3, 13, 11], new Generator(46)).To(DType.Float32);
        int oh = 13 + (2 * pad) - k + 1, ow = 11 + (2 * pad) - k + 1;
        var g = Tensor.Randn([3, 9, oh / 2, ow / 2], DType.Float32, new Generator(47));
        AssertSame(Run(conv, x, g, fuse: false, inputGrad: true), Run(conv, x, g, fuse: true, inputGrad: true), dbBitwise: DenseFallback(k, pad, true, true));

        // Zero weights: each plane is its bias everywhere, a four-way tie in every window (the first cell wins).
        SetParameters(conv, Tensor.Zeros(9, 3, k, k), Tensor.FromArray(new float[] { 1, -1, 0, 2, -0f, 0.5f, -2, 3, 1 }, 9));
        var plain = Run(conv, x, g, fuse: false, inputGrad: true);
        var fused = Run(conv, x, g, fuse: true, inputGrad: true);
        AssertSame(plain, fused, dbBitwise: DenseFallback(k, pad, true, true));
        var dw = fused.Dw!.ToArray<float>();
        Assert.Contains(dw, v => v != 0);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 0)]
    [InlineData(5, 2)]
    [InlineData(1, 0)]
    public void Winners_only_backward_is_bit_for_bit_the_dense_one_on_integers(int k, int pad)
    {
        // 17 input channels take the winners-only backward. Integers everywhere (inputs, weights, bias and the pooled
        // gradient): every sum is exact in any order, so its dx, dW and db must be the three modules' to the bit.
        var conv = new Conv2d(17, 9, k, padding: pad);
        SetParameters(conv, Tensor.RandInt(-2, 3, [9, 17, k, k], new Generator(64)).To(DType.Float32), Tensor.RandInt(-2, 3, [9], new Generator(65)).To(DType.Float32));
        var x = Tensor.RandInt(-3, 4, [3, 17, 12, 13], new Generator(66)).To(DType.Float32);
        int oh = 12 + (2 * pad) - k + 1, ow = 13 + (2 * pad) - k + 1;
        var g = Tensor.RandInt(-4, 5, [3, 9, oh / 2, ow / 2], new Generator(67)).To(DType.Float32);
        var fused = Run(conv, x, g, fuse: true, inputGrad: true);
        AssertSame(Run(conv, x, g, fuse: false, inputGrad: true), fused, dbBitwise: true);
        Assert.Contains(fused.Dx!.ToArray<float>(), v => v != 0);
        Assert.Contains(fused.Dw!.ToArray<float>(), v => v != 0);
    }

    [Theory]
    [InlineData(3, 1, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 0, true)]
    [InlineData(3, 0, false)]
    [InlineData(5, 2, true)]
    public void All_negative_outputs_pass_no_gradient(int k, int pad, bool inputGrad)
    {
        // Positive inputs, negative weights and bias: every conv output < 0, so relu and the pool pass nothing.
        var conv = new Conv2d(2, 8, k, padding: pad);
        SetParameters(conv, (Tensor.Rand([8, 2, k, k], DType.Float32, new Generator(48)) * -1) - 0.1, Tensor.Full([8], -0.5));
        var x = Tensor.Rand([3, 2, 9, 11], DType.Float32, new Generator(49)) + 0.1;
        int oh = 9 + (2 * pad) - k + 1, ow = 11 + (2 * pad) - k + 1;
        var g = Tensor.Randn([3, 8, oh / 2, ow / 2], DType.Float32, new Generator(50));
        var fused = Run(conv, x, g, fuse: true, inputGrad);
        AssertSame(Run(conv, x, g, fuse: false, inputGrad), fused, dbBitwise: true);
        Assert.All(fused.Y.ToArray<float>(), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.All(fused.Dw!.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(fused.Db!.ToArray<float>(), v => Assert.Equal(0f, v));
        if (inputGrad) Assert.All(fused.Dx!.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(3, 1, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 0, true)]
    [InlineData(5, 2, true)]
    public void NaN_inputs_match_bit_for_bit(int k, int pad, bool inputGrad)
    {
        // A few NaN pixels: their neighbourhoods' conv outputs are NaN, those windows pool to NaN and pass no
        // gradient, and dW picks up NaN * 0 as the plain backward does.
        var conv = new Conv2d(3, 9, k, padding: pad, generator: new Generator(51));
        var v = Tensor.Randn([2, 3, 13, 15], DType.Float32, new Generator(52)).ToArray<float>();
        for (int i = 17; i < v.Length; i += 97) v[i] = float.NaN;
        var x = Tensor.FromArray(v, 2, 3, 13, 15);
        int oh = 13 + (2 * pad) - k + 1, ow = 15 + (2 * pad) - k + 1;
        var g = Tensor.Randn([2, 9, oh / 2, ow / 2], DType.Float32, new Generator(53));
        var fused = Run(conv, x, g, fuse: true, inputGrad);
        AssertSame(Run(conv, x, g, fuse: false, inputGrad), fused, dbBitwise: DenseFallback(k, pad, inputGrad, weightGrad: true));
        Assert.Contains(fused.Y.ToArray<float>(), float.IsNaN);
    }

    [Theory]
    [InlineData(3, 1, true)]
    [InlineData(3, 0, false)]
    [InlineData(1, 0, true)]
    public void Signed_zeros_match_bit_for_bit(int k, int pad, bool bias)
    {
        // +0 and -0 inputs with any weights (and a +-0 bias): every conv output is a zero of some sign.
        var conv = new Conv2d(2, 9, k, padding: pad, bias: bias, generator: new Generator(54));
        if (bias) SetParameters(conv, conv.Weight.Value.Detach().Clone(), Tensor.FromArray(new float[] { 0, -0f, 0, -0f, -0f, 0, -0f, -0f, 0 }, 9));
        var v = new float[2 * 2 * 9 * 11];
        for (int i = 0; i < v.Length; i++) v[i] = i % 3 == 0 ? 0f : -0f;
        var x = Tensor.FromArray(v, 2, 2, 9, 11);
        int oh = 9 + (2 * pad) - k + 1, ow = 11 + (2 * pad) - k + 1;
        var g = Tensor.Randn([2, 9, oh / 2, ow / 2], DType.Float32, new Generator(55));
        AssertSame(Run(conv, x, g, fuse: false, inputGrad: true), Run(conv, x, g, fuse: true, inputGrad: true));
    }

    [Theory]
    [InlineData(3, 1, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 0, true)]
    [InlineData(3, 0, false)]
    [InlineData(5, 2, true)]
    [InlineData(1, 0, true)]
    public void Every_cell_is_written(int k, int pad, bool inputGrad)
    {
        // NaN-filled arrays of exactly the lengths the node takes uninitialised (pooled output, winners, the dense dy
        // of the fallback, dx, dW, db) wait in the tensor pool: a cell the kernels forget shows up as NaN.
        int n = 3, c = 3, o = 9, h = 13, w = 11;
        int oh = h + (2 * pad) - k + 1, ow = w + (2 * pad) - k + 1;
        int[] lengths = [n * o * (oh / 2) * (ow / 2), n * o * oh * ow, n * c * h * w, o * c * k * k, o];
        var conv = new Conv2d(c, o, k, padding: pad, generator: new Generator(56));
        var x = Tensor.Randn([n, c, h, w], DType.Float32, new Generator(57));
        var g = Tensor.Randn([n, o, oh / 2, ow / 2], DType.Float32, new Generator(58));
        var plain = Run(conv, x, g, fuse: false, inputGrad);
        for (int round = 0; round < 3; round++)
        {
            foreach (int length in lengths) PoisonPool(length);
            var fused = Run(conv, x, g, fuse: true, inputGrad, poisonBeforeBackward: lengths);
            foreach (var t in new[] { fused.Y, fused.Dx, fused.Dw, fused.Db })
            {
                if (t is not null) Assert.False(t.IsNaN().Any().Item<bool>(), "an unwritten cell");
            }

            AssertSame(plain, fused, dbBitwise: DenseFallback(k, pad, inputGrad, weightGrad: true));
        }
    }

    [Fact]
    public void Fashion_mnist_cnn_step_matches_and_adam_keeps_the_models_together()
    {
        // Small integers in the conv layers and the images: the second block's Winograd forward, which rounds
        // otherwise than the plain convolution, is exact then, so the two models agree bit for bit.
        var fusedNet = Cnn(new Generator(60));
        SetParameters((Conv2d)fusedNet[0], SmallInts([32, 1, 3, 3], 64), SmallInts([32], 65));
        SetParameters((Conv2d)fusedNet[3], SmallInts([64, 32, 3, 3], 66), SmallInts([64], 67));
        var plainNet = Cnn(new Generator(61));
        plainNet.LoadStateDict(fusedNet.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Detach().Clone()));
        plainNet.FuseReluMaxPool = false;
        var x = SmallInts([4, 1, 28, 28], 62);
        var labels = Tensor.RandInt(0, 10, [4], new Generator(63));

        var (lossFused, yFused) = Loss(fusedNet, x, labels);
        var (lossPlain, yPlain) = Loss(plainNet, x, labels);
        Assert.Equal(CanFuse ? 2 : 0, CountNodes(yFused, FusedNode));
        Assert.Equal(0, CountNodes(yPlain, FusedNode));
        AssertBits(yPlain, yFused, "logits");
        AssertBits(lossPlain, lossFused, "loss");

        var fusedGrads = fusedNet.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!);
        var plainGrads = plainNet.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!);
        Assert.Equal(plainGrads.Keys, fusedGrads.Keys);
        foreach (var (name, grad) in plainGrads)
        {
            // The conv biases (modules 0 and 3) are summed over the pooled gradient in the fused backward; the second
            // conv (32 input channels) sums dW and dx over the windows' winners only, and its dx is the first block's
            // gradient: the two convs' gradients are equal up to rounding, the linear layers' bit for bit.
            bool rounded = name is "0.bias" or "3.bias" || (WinnersOnly(32) && name is "0.weight" or "3.weight");
            if (rounded) AssertRelClose(grad, fusedGrads[name], 1e-5, name);
            else AssertBits(grad, fusedGrads[name], name);
        }

        var start = fusedNet.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Detach().Clone());
        new Adam(fusedNet.Parameters(), lr: 1e-3).Step();
        new Adam(plainNet.Parameters(), lr: 1e-3).Step();
        var after = plainNet.StateDict();
        foreach (var (name, t) in fusedNet.StateDict())
        {
            // Adam's first step is lr * g / (|g| + eps): where g is within rounding of 0 its direction is rounding too,
            // so those entries may differ by up to 2 lr; every other entry must agree to 1e-6.
            double[] a = t.To(DType.Float64).ToArray<double>(), b = after[name].To(DType.Float64).ToArray<double>();
            double[] g = plainGrads[name].To(DType.Float64).ToArray<double>();
            double gMax = g.Max(Math.Abs);
            for (int i = 0; i < a.Length; i++)
            {
                double diff = Math.Abs(a[i] - b[i]), allowed = Math.Abs(g[i]) > 1e-4 * gMax ? 1e-6 : 2e-3 + 1e-6;
                Assert.True(diff <= allowed, $"{name}[{i}] differs by {diff} after one Adam step (gradient {g[i]})");
            }
        }

        // The step moved every parameter tensor, so the comparison above is one of updated models.
        foreach (var (name, t) in fusedNet.StateDict()) Assert.True((t - start[name]).Abs().Max().Item<float>() > 0, $"{name} did not move");
    }

    [Theory]
    [InlineData(3, 1, true)]
    [InlineData(3, 1, false)]
    [InlineData(3, 0, true)]
    [InlineData(5, 2, true)]
    public void Fused_gradients_match_float64_finite_differences(int k, int pad, bool inputGrad)
    {
        // Distinct values (no ties, no conv output near 0), float32 fused node against central differences of the
        // float64 three-module model with the same (cast) weights and input. relu and max are piecewise linear:
        // away from ties and kinks the differences are exact up to rounding.
        int n = 2, c = 2, o = 3, h = 6, w = 7;
        int oh = h + (2 * pad) - k + 1, ow = w + (2 * pad) - k + 1;
        var conv = new Conv2d(c, o, k, padding: pad);
        int wn = o * c * k * k;
        var w32 = ((Tensor.RandPerm(wn, new Generator(70)).To(DType.Float32) - (wn / 2) + 0.5) / wn).Reshape(o, c, k, k);
        var b32 = Tensor.FromArray(new float[] { 0.1f, -0.2f, 0.05f }, o);
        SetParameters(conv, w32, b32);
        var x32 = ((Tensor.RandPerm(n * c * h * w, new Generator(71)).To(DType.Float32) - 30) / 17).Reshape(n, c, h, w);
        var g32 = Tensor.Randn([n, o, oh / 2, ow / 2], DType.Float32, new Generator(72));
        var fused = Run(conv, x32, g32, fuse: true, inputGrad);

        // L = sum(pool(relu(conv(x))) * g) of the float64 model, from float64 copies of the float32 values.
        var conv64 = new Conv2d(c, o, k, padding: pad, dtype: DType.Float64);
        var net64 = Block(conv64, new MaxPool2d(2));
        var g64 = g32.To(DType.Float64);
        double[] xv = x32.To(DType.Float64).ToArray<double>(), wv = w32.To(DType.Float64).ToArray<double>(), bv = b32.To(DType.Float64).ToArray<double>();
        double Objective()
        {
            SetParameters(conv64, Tensor.FromArray(wv, o, c, k, k), Tensor.FromArray(bv, o));
            return (net64.Call(Tensor.FromArray(xv, n, c, h, w)) * g64).Sum().Item<double>();
        }

        if (inputGrad) CheckFiniteDifferences(fused.Dx!, xv, Objective, "dx");
        CheckFiniteDifferences(fused.Dw!, wv, Objective, "dW");
        CheckFiniteDifferences(fused.Db!, bv, Objective, "db");
    }

    // Central differences of f in every element of `at` (changed, then restored), against the float32 gradient, to
    // 1e-3 of the larger of the element's and the tensor's largest gradient.
    private static void CheckFiniteDifferences(Tensor grad, double[] at, Func<double> f, string what)
    {
        const double Step = 1e-4;
        var expected = new double[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            double v = at[i];
            at[i] = v + Step;
            double up = f();
            at[i] = v - Step;
            double down = f();
            at[i] = v;
            expected[i] = (up - down) / (2 * Step);
        }

        var actual = grad.To(DType.Float64).ToArray<double>();
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, $"{what}: the finite differences are all 0");
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-3 * Math.Max(Math.Abs(expected[i]), scale);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tol, $"{what}[{i}]: fused {actual[i]}, finite differences {expected[i]}");
        }
    }

    private static Sequential Cnn(Generator generator) => new(
        new Conv2d(1, 32, 3, padding: 1, generator: generator), new Relu(), new MaxPool2d(2),
        new Conv2d(32, 64, 3, padding: 1, generator: generator), new Relu(), new MaxPool2d(2),
        new Flatten(), new Linear(3136, 16, generator: generator), new Relu(), new Linear(16, 10, generator: generator));

    private static (Tensor Loss, Tensor Logits) Loss(Sequential net, Tensor x, Tensor labels)
    {
        net.ZeroGrad();
        var logits = net.Call(x);
        var loss = Functional.CrossEntropy(logits, labels);
        loss.Backward();
        return (loss.Detach(), logits);
    }

    private static Sequential Block(Conv2d conv, MaxPool2d pool) => new(conv, new Relu(), pool);

    // Whether the fused forward runs on the Winograd kernel (given AVX-512): 3x3 "same", even H and W, at least 8 input
    // channels, output channels a multiple of 16 (Conv2dWinograd.Suits).
    private static bool TakesWinograd(int c, int o, int h, int w, int k, int pad) => k == 3 && pad == 1 && h % 2 == 0 && w % 2 == 0 && c >= 8 && o % 16 == 0;

    // Integers in -2..2 as float32.
    private static Tensor SmallInts(int[] shape, ulong seed) => Tensor.RandInt(-2, 3, shape, new Generator(seed)).To(DType.Float32);

    private static void SetParameters(Conv2d conv, Tensor weight, Tensor bias)
    {
        var state = new Dictionary<string, Tensor> { ["weight"] = weight };
        if (conv.Bias is not null) state["bias"] = bias;
        conv.LoadStateDict(state);
    }

    private sealed record Result(Tensor Y, Tensor? Dx, Tensor? Dw, Tensor? Db, string Node);

    private static Result Run(Conv2d conv, Tensor x, Tensor g, bool fuse, bool inputGrad, int[]? poisonBeforeBackward = null) =>
        Run(Block(conv, new MaxPool2d(2)), x, g, fuse, inputGrad, poisonBeforeBackward);

    // net = conv, relu, pool; y = net(x) with FuseReluMaxPool = fuse, then L = sum(y * g) backward. Returns y and the
    // gradients that were asked for (the weight's only when it requires grad).
    private static Result Run(Sequential net, Tensor x, Tensor g, bool fuse, bool inputGrad, int[]? poisonBeforeBackward = null)
    {
        var conv = (Conv2d)net[0];
        net.FuseReluMaxPool = fuse;
        net.ZeroGrad();
        var xi = inputGrad ? x.Detach().RequireGrad() : x.Detach();
        var y = net.Call(xi);
        string node = y.GradFn!.Name;
        foreach (int length in poisonBeforeBackward ?? []) PoisonPool(length);
        y.Backward(g);
        var dw = conv.Weight.RequiresGrad ? conv.Weight.Grad!.Clone() : null;
        Assert.Equal(conv.Weight.RequiresGrad, conv.Weight.Grad is not null);
        return new(y.Detach(), inputGrad ? xi.Grad! : null, dw, conv.Bias?.Grad?.Clone(), node);
    }

    // Whether the fused backward writes dy out whole and runs the plain backward (so db is the plain sum, bit for
    // bit): all but the pooled paths, a 3x3 layer's dW without dx, and dx + dW of a 3x3 "same" layer.
    private static bool DenseFallback(int k, int pad, bool inputGrad, bool weightGrad) => !(k == 3 && weightGrad && (!inputGrad || pad == 1));

    // Whether the fused backward sums over the windows' winners only (PooledConvBackward: 8 input channels or more),
    // which adds the same terms less the zeros in another order: its dx, dW and db are equal up to rounding.
    private static bool WinnersOnly(int c) => CanFuse && c >= 8;

    // Output bit for bit. dx and dW bit for bit, or to 1e-5 relative where the backward sums over the winners only; db to
    // 1e-5 relative, or bit for bit where the fallback must give the same sums.
    private static void AssertSame(Result expected, Result actual, bool dbBitwise = false, bool gradsRounded = false)
    {
        Action<Tensor, Tensor, string> rounded = (e, a, what) => AssertRelClose(e, a, 1e-5, what);
        AssertBits(expected.Y, actual.Y, "output");
        AssertOptional(expected.Dx, actual.Dx, "dx", gradsRounded ? rounded : AssertBits);
        AssertOptional(expected.Dw, actual.Dw, "dW", gradsRounded ? rounded : AssertBits);
        AssertOptional(expected.Db, actual.Db, "db", dbBitwise && !gradsRounded ? AssertBits : rounded);
    }

    private static void AssertOptional(Tensor? expected, Tensor? actual, string what, Action<Tensor, Tensor, string> check)
    {
        Assert.True((expected is null) == (actual is null), $"{what}: one run has it, the other not");
        if (expected is not null) check(expected, actual!, what);
    }
}
