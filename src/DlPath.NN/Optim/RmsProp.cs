using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// RMSprop (<c>torch.optim.RMSprop</c>): sq = α·sq + (1−α)·g²; avg = √sq (or √(sq − ḡ²) centered) + ε;
/// p = p − lr·g/avg, or with momentum buf = μ·buf + g/avg; p = p − lr·buf. Defaults lr 1e-2, α 0.99, eps 1e-8.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>RMSprop over all <paramref name="parameters"/>.</summary>
    public RmsProp(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : this(OneGroup(parameters), lr, alpha, eps, weightDecay, momentum, centered)
    {
    }

    /// <summary>RMSprop over parameter groups.</summary>
    public RmsProp(IEnumerable<ParamGroup> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(groups, Options(("lr", lr), ("alpha", alpha), ("eps", eps), ("weight_decay", weightDecay), ("momentum", momentum), ("centered", centered ? 1 : 0)))
    {
        CheckOption("alpha", v => v >= 0, "alpha >= 0");
        CheckOption("momentum", v => v >= 0, "momentum >= 0");
    }

    /// <inheritdoc />
    protected override void InitState(ParamGroup group, Tensor parameter, Dictionary<string, Tensor> state)
    {
        state["step"] = Tensor.Scalar(0);
        state["square_avg"] = Tensor.ZerosLike(parameter);
        if (group["momentum"] > 0) state["momentum_buffer"] = Tensor.ZerosLike(parameter);
        if (group["centered"] != 0) state["grad_avg"] = Tensor.ZerosLike(parameter);
    }

    /// <inheritdoc />
    protected override void Update<T>(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state)
    {
        IncrementStep(state);
        T negLr = T.CreateChecked(-group.Lr), a = T.CreateChecked(group["alpha"]), oneMinusA = T.CreateChecked(1 - group["alpha"]);
        T eps = T.CreateChecked(group["eps"]), wd = T.CreateChecked(group["weight_decay"]), mu = T.CreateChecked(group["momentum"]);
        bool wdOn = group["weight_decay"] != 0, centered = group["centered"] != 0, useMomentum = group["momentum"] > 0;
        var p = parameter.AsSpan<T>();
        var g = grad.AsSpan<T>();
        var sq = state["square_avg"].AsSpan<T>();
        var ga = centered ? state["grad_avg"].AsSpan<T>() : default;
        var buf = useMomentum ? state["momentum_buffer"].AsSpan<T>() : default;
        for (int i = 0; i < p.Length; i++)
        {
            T gi = wdOn ? g[i] + (wd * p[i]) : g[i];
            sq[i] = (sq[i] * a) + (oneMinusA * gi * gi);
            T avg;
            if (centered)
            {
                ga[i] = (ga[i] * a) + (oneMinusA * gi);
                avg = T.Sqrt(sq[i] + (-T.One * ga[i] * ga[i]));
            }
            else
            {
                avg = T.Sqrt(sq[i]);
            }

            avg += eps;
            if (useMomentum)
            {
                buf[i] = (buf[i] * mu) + (gi / avg);
                p[i] += negLr * buf[i];
            }
            else
            {
                p[i] += negLr * gi / avg;
            }
        }
    }
}
