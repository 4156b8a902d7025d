using DlPath.Tensors;

namespace Labs.Batchnorm;

/// <summary>Reference solution of lab 7 (tests only).</summary>
public static class BatchNorm
{
    public static (Tensor Out, NormCache? Cache, Tensor RunningMean, Tensor RunningVar) Forward(
        Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool train, double momentum, double eps)
    {
        if (!train)
        {
            var normalised = (x - runningMean) / (runningVar + eps).Sqrt();
            return ((normalised * gamma) + beta, null, runningMean, runningVar);
        }

        int n = x.Size(0);
        var mu = x.Mean(0);
        var variance = x.Var(0, unbiased: false);
        var xhat = (x - mu) / (variance + eps).Sqrt();
        var cache = new NormCache { X = x, XHat = xhat, Mean = mu, Var = variance, Gamma = gamma, Eps = eps };
        var newMean = ((1 - momentum) * runningMean) + (momentum * mu);
        var newVar = ((1 - momentum) * runningVar) + (momentum * variance * n / (n - 1));
        return ((xhat * gamma) + beta, cache, newMean, newVar);
    }

    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, NormCache cache)
    {
        var x = cache.X!;
        var mu = cache.Mean!;
        var variance = cache.Var!;
        int n = x.Size(0);
        var centered = x - mu;
        var std = (variance + cache.Eps).Sqrt();
        var dbeta = dout.Sum(0);
        var dgamma = (dout * cache.XHat!).Sum(0);
        var dxhat = dout * cache.Gamma!;
        var dvar = (dxhat * centered * -0.5 * (variance + cache.Eps).Pow(-1.5)).Sum(0);
        var dmu = (-dxhat / std).Sum(0) + (dvar * (-2.0 * centered).Mean(0));
        var dx = (dxhat / std) + (dvar * 2.0 * centered / n) + (dmu / n);
        return (dx, dgamma, dbeta);
    }

    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) BackwardAlt(Tensor dout, NormCache cache)
    {
        var xhat = cache.XHat!;
        int n = xhat.Size(0);
        var invstd = (cache.Var! + cache.Eps).Rsqrt();
        var dgamma = (dout * xhat).Sum(0);
        var dbeta = dout.Sum(0);
        var dx = cache.Gamma! * invstd / n * ((n * dout) - dbeta - (xhat * dgamma));
        return (dx, dgamma, dbeta);
    }
}
