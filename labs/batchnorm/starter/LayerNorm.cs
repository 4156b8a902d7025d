using DlPath.Tensors;

namespace Labs.Batchnorm;

/// <summary>Lab 7: layer normalisation of x (N, D) over the features of each example.</summary>
public static class LayerNorm
{
    /// <summary>§5: normalise each row of x, then gamma * xhat + beta (gamma, beta: (D)). Same in training and evaluation.</summary>
    public static (Tensor Out, NormCache Cache) Forward(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        throw new NotImplementedException("README §5 Layer normalisation: Forward");
    }

    /// <summary>§5: (dx, dgamma, dbeta).</summary>
    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, NormCache cache)
    {
        throw new NotImplementedException("README §5 Layer normalisation: Backward");
    }
}
