using DlPath.Tensors;

namespace DlPath.NN.Tests;

public sealed class OptimizerTests
{
    private static (Sequential Model, Tensor X, Tensor Y) Problem()
    {
        var model = new Sequential(new Linear(3, 4, generator: new Generator(1)), new Tanh(), new Linear(4, 2, generator: new Generator(2)));
        return (model, Tensor.Randn([8, 3], DType.Float32, new Generator(3)), Tensor.Randn([8, 2], DType.Float32, new Generator(4)));
    }

    private static void TrainSteps(Module model, Optimizer opt, Tensor x, Tensor y, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad();
            Functional.MseLoss(model.Call(x), y).Backward();
            opt.Step();
        }
    }

    public static TheoryData<string> Kinds => ["sgd", "adam", "adamw", "rmsprop", "adagrad"];

    private static Optimizer Make(string kind, Module m) => kind switch
    {
        "sgd" => new Sgd(m.Parameters(), lr: 0.1, momentum: 0.9, nesterov: true),
        "adam" => new Adam(m.Parameters(), lr: 0.01, amsgrad: true),
        "adamw" => new AdamW(m.Parameters(), lr: 0.01),
        "rmsprop" => new RmsProp(m.Parameters(), lr: 0.01, momentum: 0.5, centered: true),
        _ => new Adagrad(m.Parameters(), lr: 0.1),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void State_dict_round_trip_continues_training_identically(string kind)
    {
        var (a, x, y) = Problem();
        var optA = Make(kind, a);
        TrainSteps(a, optA, x, y, 3);

        var (b, _, _) = Problem();
        b.LoadStateDict(a.StateDict());
        var optB = Make(kind, b);
        optB.LoadStateDict(optA.StateDict());

        TrainSteps(a, optA, x, y, 2);
        TrainSteps(b, optB, x, y, 2);
        foreach (var (name, t) in a.StateDict()) Assert.Equal(t.ToArray<float>(), b.StateDict()[name].ToArray<float>());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Optimizers_reduce_the_loss(string kind)
    {
        var (m, x, y) = Problem();
        var opt = Make(kind, m);
        double before = Functional.MseLoss(m.Call(x), y).Item();
        TrainSteps(m, opt, x, y, 20);
        Assert.True(Functional.MseLoss(m.Call(x), y).Item() < before);
    }

    [Fact]
    public void Parameter_groups_keep_their_own_learning_rate()
    {
        var (m, x, y) = Problem();
        var first = (Linear)m[0];
        var last = (Linear)m[2];
        var frozenCopy = first.Weight.Value.Clone();
        var opt = new Sgd([new ParamGroup(first.Parameters(), new Dictionary<string, double> { ["lr"] = 0 }), new ParamGroup(last.Parameters())], lr: 0.1);
        Assert.Equal(0, opt.ParamGroups[0].Lr);
        Assert.Equal(0.1, opt.ParamGroups[1].Lr);
        var lastCopy = last.Weight.Value.Clone();
        TrainSteps(m, opt, x, y, 1);
        Assert.Equal(frozenCopy.ToArray<float>(), first.Weight.Value.ToArray<float>());
        Assert.NotEqual(lastCopy.ToArray<float>(), last.Weight.Value.ToArray<float>());
    }

    [Fact]
    public void Parameters_without_gradient_are_skipped_and_bad_input_is_refused()
    {
        var (m, _, _) = Problem();
        var opt = new Adam(m.Parameters());
        var before = m.StateDict().Values.Select(t => t.ToArray<float>()).ToList();
        opt.Step();
        Assert.Equal(before, m.StateDict().Values.Select(t => t.ToArray<float>()));
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Parameter>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(m.Parameters(), lr: -1));
        Assert.Throws<ArgumentException>(() => new Sgd(m.Parameters(), nesterov: true));
        var p = m.Parameters().First();
        Assert.Throws<ArgumentException>(() => new Sgd([new ParamGroup([p]), new ParamGroup([p])]));
        var wrong = new Sgd(m.Parameters());
        var sd = wrong.StateDict();
        Assert.Throws<InvalidOperationException>(() => opt.LoadStateDict(sd));
    }

    [Fact]
    public void Clip_grad_norm_scales_all_gradients_together()
    {
        var a = Tensor.Zeros(2).RequireGrad();
        var b = Tensor.Zeros(1).RequireGrad();
        a.Grad = Tensor.FromArray(new float[] { 3, 0 });
        b.Grad = Tensor.FromArray(new float[] { 4 });
        double total = GradClip.ClipGradNorm(new[] { a, b }, 1.0);
        Assert.Equal(5.0, total, 5);
        Assert.Equal(0.6f, a.Grad.ToArray<float>()[0], 5);
        Assert.Equal(0.8f, b.Grad.ToArray<float>()[0], 5);

        // Below the limit nothing changes (the coefficient is clamped to 1).
        GradClip.ClipGradNorm(new[] { a, b }, 10.0);
        Assert.Equal(0.6f, a.Grad.ToArray<float>()[0], 5);
        Assert.Equal(0.0, GradClip.ClipGradNorm(new[] { Tensor.Zeros(1).RequireGrad() }, 1.0)); // no gradients: nothing to clip
        a.Grad = Tensor.FromArray(new float[] { -3, 2 });
        Assert.Equal(3.0, GradClip.ClipGradNorm(new[] { a }, 100, double.PositiveInfinity), 5);
    }

    [Fact]
    public void Clip_grad_value_clamps_elements()
    {
        var m = new Linear(2, 1);
        m.Weight.Grad = Tensor.FromArray(new float[] { -5, 0.3f }, 1, 2);
        GradClip.ClipGradValue(m.Parameters(), 1);
        Assert.Equal([-1f, 0.3f], m.Weight.Grad.ToArray<float>());
    }

    [Fact]
    public void Schedulers_chain_on_one_optimizer()
    {
        var (m, _, _) = Problem();
        var opt = new Sgd(m.Parameters(), lr: 1.0);
        var warm = new LinearLR(opt, 0.5, 1.0, 2);
        var decay = new ExponentialLR(opt, 0.5);
        Assert.Equal(0.5 * 1.0, opt.ParamGroups[0].Lr, 12); // warm-up start, exponential step 0 keeps it
        warm.Step();
        decay.Step();
        Assert.Equal(0.75 * 0.5, opt.ParamGroups[0].Lr, 12);
        Assert.Equal([0.375], decay.LastLr);
    }

    [Fact]
    public void A_step_invalidates_graphs_that_saved_the_old_parameters()
    {
        var (m, x, y) = Problem();
        var opt = new Sgd(m.Parameters(), lr: 0.1);
        Functional.MseLoss(m.Call(x), y).Backward();
        var stale = Functional.MseLoss(m.Call(x), y);
        opt.Step();
        var e = Assert.Throws<InvalidOperationException>(() => stale.Backward());
        Assert.Contains("in-place", e.Message);
    }
}

public sealed class FusedAdamTests
{
    [Theory]
    [InlineData(37)]
    [InlineData(3)]
    public void Moments_of_a_unit_whose_gradient_stays_zero_reach_exactly_zero_instead_of_subnormals(int n)
    {
        // One real gradient, then zeros (a dead ReLU unit): m decays by 0.9 a step and would pass through the slow
        // subnormal range after ~800 steps (and underflow to zero only after ~960); the update flushes it to zero instead, in vector lanes and in the tail.
        var p = new float[n];
        var m = new float[n];
        var v = new float[n];
        var g = Enumerable.Repeat(1f, n).ToArray();
        var zero = new float[n];
        FusedUpdates.Adam<float>(p, g, m, v, 0.9f, 0.999f, 0.1f, 0.001f, -1e-3f, 1f, 1e-8f);
        for (int step = 0; step < 900; step++) FusedUpdates.Adam<float>(p, zero, m, v, 0.9f, 0.999f, 0.1f, 0.001f, -1e-3f, 1f, 1e-8f);

        Assert.All(m, x => Assert.Equal(0f, x));
        Assert.All(m.Concat(v), x => Assert.False(float.IsSubnormal(x), $"{x} is subnormal"));
        Assert.All(v, x => Assert.True(x > 0, "v decays by 0.999 a step and is still normal after 900 steps"));
        Assert.All(p, x => Assert.True(x < 0 && float.IsNormal(x)));
    }
}
