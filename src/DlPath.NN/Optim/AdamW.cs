namespace DlPath.NN;

/// <summary>
/// Adam with decoupled weight decay (<c>torch.optim.AdamW</c>, Loshchilov &amp; Hutter): each step first shrinks the
/// weights, p = p·(1 − lr·wd), then applies the Adam update without adding wd·p to the gradient. Default
/// weight decay 0.01, as in torch.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>AdamW over all <paramref name="parameters"/>.</summary>
    public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>AdamW over parameter groups.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    private protected override bool DecoupledWeightDecay => true;
}
