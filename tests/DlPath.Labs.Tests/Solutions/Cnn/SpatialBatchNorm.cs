using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>Reference solution (tests only).</summary>
public sealed class SpatialCache
{
    public Tensor? XHat { get; set; }

    public Tensor? InvStd { get; set; }

    public Tensor? Gamma { get; set; }
}

/// <summary>Reference solution of lab 8 (tests only).</summary>
public static class SpatialBatchNorm
{
    public static (Tensor Out, SpatialCache Cache) ForwardTrain(Tensor x, Tensor gamma, Tensor beta, double eps) =>
        Forward(x, gamma, beta, eps, [0, 2, 3]);

    internal static (Tensor Out, SpatialCache Cache) Forward(Tensor x, Tensor gamma, Tensor beta, double eps, int[] dims)
    {
        var invstd = (x.Var(dims, unbiased: false, keepDim: true) + eps).Rsqrt();
        var xhat = (x - x.Mean(dims, keepDim: true)) * invstd;
        var g = gamma.Reshape(1, -1, 1, 1);
        return ((xhat * g) + beta.Reshape(1, -1, 1, 1), new SpatialCache { XHat = xhat, InvStd = invstd, Gamma = g });
    }

    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, SpatialCache cache)
    {
        int[] dims = [0, 2, 3];
        var xhat = cache.XHat!;
        int m = xhat.Size(0) * xhat.Size(2) * xhat.Size(3);
        var dbeta = dout.Sum(dims, keepDim: true);
        var dgamma = (dout * xhat).Sum(dims, keepDim: true);
        var dx = cache.Gamma! * cache.InvStd! / m * ((m * dout) - dbeta - (xhat * dgamma));
        return (dx, dgamma.Reshape(-1), dbeta.Reshape(-1));
    }
}
