using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Adagrad (<c>torch.optim.Adagrad</c>): sum += g²; p = p − clr·g/(√sum + ε) with clr = lr/(1 + (t−1)·lr_decay).
/// Defaults lr 1e-2, eps 1e-10, initial accumulator 0.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Adagrad over all <paramref name="parameters"/>.</summary>
    public Adagrad(IEnumerable<Parameter> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : this(OneGroup(parameters), lr, lrDecay, weightDecay, initialAccumulatorValue, eps)
    {
    }

    /// <summary>Adagrad over parameter groups.</summary>
    public Adagrad(IEnumerable<ParamGroup> groups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : base(groups, Options(("lr", lr), ("lr_decay", lrDecay), ("weight_decay", weightDecay), ("initial_accumulator_value", initialAccumulatorValue), ("eps", eps)))
    {
        CheckOption("lr_decay", v => v >= 0, "lr_decay >= 0");
        CheckOption("initial_accumulator_value", v => v >= 0, "initial_accumulator_value >= 0");
    }

    /// <inheritdoc />
    protected override void InitState(ParamGroup group, Tensor parameter, Dictionary<string, Tensor> state)
    {
        state["step"] = Tensor.Scalar(0);
        state["sum"] = Tensor.FullLike(parameter, group["initial_accumulator_value"]);
    }

    /// <inheritdoc />
    protected override void Update<T>(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state)
    {
        double step = IncrementStep(state);
        T negClr = T.CreateChecked(-(group.Lr / (1 + ((step - 1) * group["lr_decay"]))));
        T eps = T.CreateChecked(group["eps"]), wd = T.CreateChecked(group["weight_decay"]);
        bool wdOn = group["weight_decay"] != 0;
        var p = parameter.AsSpan<T>();
        var g = grad.AsSpan<T>();
        var sum = state["sum"].AsSpan<T>();
        for (int i = 0; i < p.Length; i++)
        {
            T gi = wdOn ? g[i] + (wd * p[i]) : g[i];
            sum[i] += gi * gi;
            T std = T.Sqrt(sum[i]) + eps;
            p[i] += negClr * gi / std;
        }
    }
}
