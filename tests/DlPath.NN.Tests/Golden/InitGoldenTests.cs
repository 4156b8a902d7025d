using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests.Golden;

/// <summary>Default initialisations and the Init helpers draw PyTorch's numbers from the same seed.</summary>
[Collection(GlobalRngCollection.Name)]
public sealed class InitGoldenTests
{
    public static TheoryData<string> ModuleCases => NnGolden.Names("init");

    public static TheoryData<string> FunctionCases => NnGolden.Names("init_fn");

    [Theory]
    [MemberData(nameof(ModuleCases))]
    public void Default_init_matches_torch(string name)
    {
        var c = NnGolden.Case(name);
        Tensor.ManualSeed((ulong)c.Arg("seed", 0));
        Module m = name switch
        {
            "init_linear" => new Linear(20, 30),
            "init_conv2d" => new Conv2d(3, 8, 3),
            "init_conv1d" => new Conv1d(2, 4, 5),
            "init_conv_transpose2d" => new ConvTranspose2d(4, 3, 3),
            "init_embedding" => new Embedding(10, 4),
            "init_mlp" => new Sequential(new Linear(6, 5), new Relu(), new Linear(5, 3)),
            _ => throw new InvalidOperationException(name),
        };
        var ps = m.Parameters().ToList();
        Assert.Equal(c.Grads.Length, ps.Count);
        for (int i = 0; i < ps.Count; i++) TensorAssert.Close(c.Grads[i]!, ps[i].Value, 0, 0, $"{name} parameter {i}");
    }

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void Init_function_matches_torch(string name)
    {
        var c = NnGolden.Case(name);
        Tensor.ManualSeed(42);
        var t = Tensor.Zeros(c.IntsArg("shape"));
        switch (c.Args.GetProperty("fn").GetString())
        {
            case "kaiming_uniform": Init.KaimingUniform(t, 0.1, "fan_out", "leaky_relu"); break;
            case "kaiming_normal": Init.KaimingNormal(t, nonlinearity: "relu"); break;
            case "xavier_uniform": Init.XavierUniform(t, 1.3); break;
            case "xavier_normal": Init.XavierNormal(t); break;
            case "orthogonal": Init.Orthogonal(t, 0.9); break;
            case "orthogonal_wide": Init.Orthogonal(t); break;
        }

        // The random draws are bit-exact; orthogonal's QR runs in double here and in LAPACK float32 in torch.
        bool qr = name.StartsWith("init_orthogonal", StringComparison.Ordinal);
        TensorAssert.Close(c.Output!, t, qr ? 1e-5 : 0, qr ? 1e-6 : 0, name);
    }

    [Fact]
    public void Linear_784_256_from_seed_0_matches_torch()
    {
        var c = NnGolden.Case("init_linear_784_256");
        Tensor.ManualSeed(0);
        var fc = new Linear(784, 256);
        var w = fc.Weight.Value.Double();
        var sums = c.Output!.ToArray<double>();
        Assert.Equal(sums[0], w.Sum().Item(), 1e-9);
        Assert.Equal(sums[1], (w * w).Sum().Item(), 1e-9);
        Assert.Equal(sums[2], fc.Bias!.Value.Double().Sum().Item(), 1e-9);
        var flat = fc.Weight.Value.Reshape(-1);
        TensorAssert.Close(c.Grads[0]!, flat.Narrow(0, 0, 16), 0, 0, "first weights");
        TensorAssert.Close(c.Grads[1]!, flat.Narrow(0, flat.Numel - 16, 16), 0, 0, "last weights");
        TensorAssert.Close(c.Grads[2]!, fc.Bias.Value.Narrow(0, 0, 16), 0, 0, "bias");
    }
}
