using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (<c>torch.optim.SGD</c>,
/// https://pytorch.org/docs/stable/generated/torch.optim.SGD.html), in torch's order of operations:
/// d = g + wd·p; buf = d on the first step, then buf = μ·buf + (1−τ)·d; d = d + μ·buf (Nesterov) or buf; p = p − lr·d.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>SGD over all <paramref name="parameters"/>.</summary>
    public Sgd(IEnumerable<Parameter> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(OneGroup(parameters), lr, momentum, dampening, weightDecay, nesterov)
    {
    }

    /// <summary>SGD over parameter groups; a group's own options win over these defaults.</summary>
    public Sgd(IEnumerable<ParamGroup> groups, double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(groups, Options(("lr", lr), ("momentum", momentum), ("dampening", dampening), ("weight_decay", weightDecay), ("nesterov", nesterov ? 1 : 0)))
    {
        CheckOption("momentum", v => v >= 0, "momentum >= 0");
        CheckOption("weight_decay", v => v >= 0, "weight_decay >= 0");
        foreach (var g in ParamGroups)
        {
            if (g["nesterov"] != 0 && (g["momentum"] <= 0 || g["dampening"] != 0))
            {
                throw new ArgumentException("Sgd: Nesterov momentum requires a momentum and zero dampening");
            }
        }
    }

    /// <inheritdoc />
    protected override void InitState(ParamGroup group, Tensor parameter, Dictionary<string, Tensor> state)
    {
        // The momentum buffer is created from the first gradient (see Update).
    }

    /// <inheritdoc />
    protected override void Update<T>(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state)
    {
        T lr = T.CreateChecked(group.Lr), wd = T.CreateChecked(group["weight_decay"]), mu = T.CreateChecked(group["momentum"]);
        T oneMinusDampening = T.CreateChecked(1 - group["dampening"]);
        bool nesterov = group["nesterov"] != 0, useMomentum = group["momentum"] != 0, wdOn = group["weight_decay"] != 0;
        var p = parameter.AsSpan<T>();
        var g = grad.AsSpan<T>();
        Span<T> buf = default;
        bool first = false;
        if (useMomentum)
        {
            if (!state.TryGetValue("momentum_buffer", out var b))
            {
                b = Tensor.ZerosLike(parameter);
                state["momentum_buffer"] = b;
                first = true;
            }

            buf = b.AsSpan<T>();
        }

        for (int i = 0; i < p.Length; i++)
        {
            T d = wdOn ? g[i] + (wd * p[i]) : g[i];
            if (useMomentum)
            {
                buf[i] = first ? d : (buf[i] * mu) + (oneMinusDampening * d);
                d = nesterov ? d + (mu * buf[i]) : buf[i];
            }

            p[i] += -lr * d;
        }
    }
}
