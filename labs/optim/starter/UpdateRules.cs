using DlPath.Tensors;

namespace Labs.Optim;

/// <summary>
/// Lab 5: parameter update rules. Each takes the weights w, their gradient dw and the rule's state, and returns
/// the next weights and the next state (do not modify the inputs in place). Read README.md.
/// </summary>
public static class UpdateRules
{
    /// <summary>§1: SGD with momentum: v = momentum * v - learningRate * dw; w = w + v.</summary>
    public static (Tensor NextW, Tensor NextVelocity) SgdMomentum(Tensor w, Tensor dw, Tensor velocity, double learningRate, double momentum)
    {
        throw new NotImplementedException("README §1 SGD with momentum");
    }

    /// <summary>§2: RMSprop with a running average of squared gradients.</summary>
    public static (Tensor NextW, Tensor NextCache) RmsProp(Tensor w, Tensor dw, Tensor cache, double learningRate, double decayRate, double epsilon)
    {
        throw new NotImplementedException("README §2 RMSprop");
    }

    /// <summary>§3: Adam at step t (1 for the first update), with bias correction.</summary>
    public static (Tensor NextW, Tensor NextM, Tensor NextV) Adam(Tensor w, Tensor dw, Tensor m, Tensor v, int t,
        double learningRate, double beta1, double beta2, double epsilon)
    {
        throw new NotImplementedException("README §3 Adam");
    }
}
