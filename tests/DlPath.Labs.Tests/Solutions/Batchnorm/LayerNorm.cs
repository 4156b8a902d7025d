using DlPath.Tensors;

namespace Labs.Batchnorm;

/// <summary>Reference solution of lab 7 (tests only).</summary>
public static class LayerNorm
{
    public static (Tensor Out, NormCache Cache) Forward(Tensor x, Tensor gamma, Tensor beta, double eps) =>
        ForwardOver(x, gamma, beta, eps, dim: 1);

    internal static (Tensor Out, NormCache Cache) ForwardOver(Tensor x, Tensor gamma, Tensor beta, double eps, int dim)
    {
        var mu = x.Mean(dim, keepDim: true);
        var variance = x.Var(dim, unbiased: false, keepDim: true);
        var xhat = (x - mu) / (variance + eps).Sqrt();
        return ((xhat * gamma) + beta, new NormCache { X = x, XHat = xhat, Mean = mu, Var = variance, Gamma = gamma, Eps = eps });
    }

    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, NormCache cache)
    {
        var xhat = cache.XHat!;
        int d = xhat.Size(1);
        var invstd = (cache.Var! + cache.Eps).Rsqrt();
        var dxhat = dout * cache.Gamma!;
        var dx = invstd / d * ((d * dxhat) - dxhat.Sum(1, keepDim: true) - (xhat * (dxhat * xhat).Sum(1, keepDim: true)));
        return (dx, (dout * xhat).Sum(0), dout.Sum(0));
    }
}
