using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>Lab 8: max pooling, naive.</summary>
public static class MaxPool
{
    /// <summary>§3: x (N, C, H, W) -> (N, C, H', W'), H' = 1 + (H - poolHeight) / stride; no padding.</summary>
    public static Tensor ForwardNaive(Tensor x, int poolHeight, int poolWidth, int stride)
    {
        throw new NotImplementedException("README §3 Max pooling: ForwardNaive");
    }

    /// <summary>§3: dx (x's shape) for the forward above.</summary>
    public static Tensor BackwardNaive(Tensor dout, Tensor x, int poolHeight, int poolWidth, int stride)
    {
        throw new NotImplementedException("README §3 Max pooling: BackwardNaive");
    }
}
