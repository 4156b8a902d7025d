using DlPath.Tensors;
using DlPath.Tensors.Tests.Golden;

namespace DlPath.NN.Tests.Golden;

/// <summary>Optimizers (parameters after 5 steps) and schedulers (learning-rate and momentum sequences) against torch.</summary>
public sealed class OptimSchedGoldenTests
{
    public static TheoryData<string> OptimCases => NnGolden.Names("optim");

    public static TheoryData<string> SchedCases => NnGolden.Names("sched");

    [Theory]
    [MemberData(nameof(OptimCases))]
    public void Optimizer_matches_torch_after_five_steps(string name)
    {
        var c = NnGolden.Case(name);
        var w = c.Inputs[0].Clone().Detach().RequireGrad();
        var b = c.Inputs[1].Clone().Detach().RequireGrad();
        var (x, y) = (c.Inputs[2], c.Inputs[3]);
        var options = c.Args.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var groups = new[] { new ParamGroup(new[] { w, b }, options) };
        Optimizer opt = c.Args.GetProperty("optimizer").GetString() switch
        {
            "sgd" => new Sgd(groups),
            "adam" => new Adam(groups),
            "adamw" => new AdamW(groups),
            "rmsprop" => new RmsProp(groups),
            "adagrad" => new Adagrad(groups),
            var o => throw new InvalidOperationException(o),
        };
        for (int i = 0; i < 5; i++)
        {
            opt.ZeroGrad();
            var r = x.MatMul(w) + b - y;
            var loss = (r * r).Sum() + ((w * w * w * w).Sum() * 0.1);
            loss.Backward();
            opt.Step();
        }

        var actual = Tensor.Cat([w.Detach().Reshape(-1), b.Detach()]);
        TensorAssert.Close(c.Output!, actual, 2e-5, 1e-6, name);
    }

    [Theory]
    [MemberData(nameof(SchedCases))]
    public void Scheduler_matches_torch(string name)
    {
        var c = NnGolden.Case(name);
        var p = Tensor.Zeros([2]).RequireGrad();
        Optimizer opt = c.Args.GetProperty("optimizer").GetString() == "sgd" ? new Sgd([new ParamGroup(new[] { p })], lr: 0.1, momentum: 0.9) : new Adam([new ParamGroup(new[] { p })], lr: 0.1);
        string kind = c.Args.GetProperty("kind").GetString()!;
        int steps = c.Arg("steps", 15);
        LRScheduler? sched = kind switch
        {
            "step" => new StepLR(opt, c.Arg("step_size", 1), c.Arg("gamma", 0.1)),
            "multistep" => new MultiStepLR(opt, c.IntsArg("milestones"), c.Arg("gamma", 0.1)),
            "exponential" => new ExponentialLR(opt, c.Arg("gamma", 0.1)),
            "cosine" => new CosineAnnealingLR(opt, c.Arg("t_max", 1), c.Arg("eta_min", 0.0)),
            "linear" => new LinearLR(opt, c.Arg("start_factor", 1.0 / 3), c.Arg("end_factor", 1.0), c.Arg("total_iters", 5)),
            "onecycle" => new OneCycleLR(opt, c.Arg("max_lr", 0.1), c.Arg("total_steps", 1), c.Arg("pct_start", 0.3), c.Arg("cosine", true)),
            _ => null,
        };
        var plateau = kind == "plateau" ? new ReduceLROnPlateau(opt, factor: c.Arg("factor", 0.1), patience: c.Arg("patience", 10), cooldown: c.Arg("cooldown", 0)) : null;
        var metrics = kind == "plateau" ? c.Args.GetProperty("metrics").EnumerateArray().Select(e => e.GetDouble()).ToArray() : [];
        var lrs = new List<double> { opt.ParamGroups[0].Lr };
        var moms = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            opt.Step();
            if (plateau is not null) plateau.Step(metrics[i]);
            else sched!.Step();
            lrs.Add(opt.ParamGroups[0].Lr);
            var g = opt.ParamGroups[0];
            moms.Add(g.Has("beta1") ? g["beta1"] : g["momentum"]);
        }

        TensorAssert.Close(c.Output!, Tensor.FromArray(lrs.ToArray()), 1e-12, 1e-15, $"{name} learning rates");
        TensorAssert.Close(c.Grads[0]!, Tensor.FromArray(moms.ToArray()), 1e-12, 1e-15, $"{name} momentum");
    }
}
