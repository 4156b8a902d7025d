using DlPath.Tensors;

namespace Labs.Cnn;

/// <summary>Lab 8: convolution, naive (loops are fine: clarity first). Read README.md.</summary>
public static class Conv
{
    /// <summary>
    /// §1: x (N, C, H, W), w (F, C, HH, WW), b (F) -> (N, F, H', W') with H' = 1 + (H + 2 pad - HH) / stride
    /// (same for W'). Zero padding; cross-correlation, as every deep learning framework (no kernel flip).
    /// </summary>
    public static Tensor ForwardNaive(Tensor x, Tensor w, Tensor b, int stride, int pad)
    {
        throw new NotImplementedException("README §1 Convolution forward");
    }

    /// <summary>§2: (dx, dw, db) for the forward above.</summary>
    public static (Tensor Dx, Tensor Dw, Tensor Db) BackwardNaive(Tensor dout, Tensor x, Tensor w, Tensor b, int stride, int pad)
    {
        throw new NotImplementedException("README §2 Convolution backward");
    }
}
