using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>, https://pytorch.org/docs/stable/generated/torch.optim.Adam.html), with optional
/// L2 weight decay added to the gradient and AMSGrad, in torch 1.13's order of operations:
/// g += wd·p; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g·g; denom = √v / √(1−β2^t) + ε;
/// p = p − (lr / (1−β1^t))·m / denom.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Adam over all <paramref name="parameters"/> with torch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8).</summary>
    public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(OneGroup(parameters), lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>Adam over parameter groups; a group's own options win over these defaults.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : base(groups, Options(("lr", lr), ("beta1", beta1), ("beta2", beta2), ("eps", eps), ("weight_decay", weightDecay), ("amsgrad", amsgrad ? 1 : 0)))
    {
        CheckOption("beta1", v => v is >= 0 and < 1, "0 <= beta1 < 1");
        CheckOption("beta2", v => v is >= 0 and < 1, "0 <= beta2 < 1");
        CheckOption("eps", v => v >= 0, "eps >= 0");
        CheckOption("weight_decay", v => v >= 0, "weight_decay >= 0");
    }

    /// <summary>True for AdamW: decay the weights directly instead of adding wd·p to the gradient.</summary>
    private protected virtual bool DecoupledWeightDecay => false;

    /// <inheritdoc />
    protected override void InitState(ParamGroup group, Tensor parameter, Dictionary<string, Tensor> state)
    {
        state["step"] = Tensor.Scalar(0);
        state["exp_avg"] = Tensor.ZerosLike(parameter);
        state["exp_avg_sq"] = Tensor.ZerosLike(parameter);
        if (group["amsgrad"] != 0) state["max_exp_avg_sq"] = Tensor.ZerosLike(parameter);
    }

    /// <inheritdoc />
    protected override void Update<T>(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state)
    {
        double step = IncrementStep(state);
        double lr = group.Lr, beta1 = group["beta1"], beta2 = group["beta2"], wdValue = group["weight_decay"];
        var p = parameter.AsSpan<T>();
        var g = grad.AsSpan<T>();
        var m = state["exp_avg"].AsSpan<T>();
        var v = state["exp_avg_sq"].AsSpan<T>();
        bool amsgrad = group["amsgrad"] != 0;
        var vMax = amsgrad ? state["max_exp_avg_sq"].AsSpan<T>() : default;

        // Scalars are computed in double as torch's Python code does, then used in the parameter's precision.
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        T negStepSize = T.CreateChecked(-(lr / biasCorrection1));
        T bc2Sqrt = T.CreateChecked(Math.Sqrt(biasCorrection2));
        T b1 = T.CreateChecked(beta1), b2 = T.CreateChecked(beta2), oneMinusB1 = T.CreateChecked(1 - beta1), oneMinusB2 = T.CreateChecked(1 - beta2);
        T eps = T.CreateChecked(group["eps"]), wd = T.CreateChecked(wdValue);
        T decay = T.CreateChecked(1 - (lr * wdValue));
        bool decoupled = DecoupledWeightDecay, wdOn = wdValue != 0;
        if (!wdOn && !amsgrad)
        {
            // The common case in one vectorised pass over the whole buffer; the loop below is its readable twin.
            FusedUpdates.Adam(parameter, grad, state["exp_avg"], state["exp_avg_sq"], b1, b2, oneMinusB1, oneMinusB2, negStepSize, bc2Sqrt, eps);
            return;
        }

        for (int i = 0; i < p.Length; i++)
        {
            T gi = g[i];
            if (wdOn)
            {
                if (decoupled) p[i] *= decay;
                else gi += wd * p[i];
            }

            m[i] = (m[i] * b1) + (oneMinusB1 * gi);
            v[i] = (v[i] * b2) + (oneMinusB2 * gi * gi);
            T second = v[i];
            if (amsgrad)
            {
                vMax[i] = T.Max(vMax[i], v[i]);
                second = vMax[i];
            }

            T denom = (T.Sqrt(second) / bc2Sqrt) + eps;
            p[i] += negStepSize * m[i] / denom;
        }
    }
}
