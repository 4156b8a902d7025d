using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>What the spatial batch norm forward keeps for its backward; change it as you need.</summary>
public sealed class SpatialCache
{
    /// <summary>The normalised input (N, C, H, W).</summary>
    public Tensor? XHat { get; set; }

    /// <summary>1 / sqrt(var + eps) per channel.</summary>
    public Tensor? InvStd { get; set; }

    /// <summary>The scale (C).</summary>
    public Tensor? Gamma { get; set; }
}

/// <summary>Lab 8: batch normalisation for convolutional feature maps.</summary>
public static class SpatialBatchNorm
{
    /// <summary>§4: training-mode batch norm of x (N, C, H, W) per channel, over N, H and W; gamma, beta: (C).</summary>
    public static (Tensor Out, SpatialCache Cache) ForwardTrain(Tensor x, Tensor gamma, Tensor beta, double eps)
    {
        throw new NotImplementedException("README §4 Spatial batch normalisation: ForwardTrain");
    }

    /// <summary>§4: (dx, dgamma, dbeta).</summary>
    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, SpatialCache cache)
    {
        throw new NotImplementedException("README §4 Spatial batch normalisation: Backward");
    }
}
