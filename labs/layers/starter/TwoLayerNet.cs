using DlPath.Tensors;

namespace Labs.Layers;

/// <summary>§4: affine - ReLU - affine - softmax, built from your layers.</summary>
public static class TwoLayerNet
{
    /// <summary>§4: class scores (N, C) for x (N, D); w1 (D, H), b1 (H), w2 (H, C), b2 (C).</summary>
    public static Tensor Scores(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        throw new NotImplementedException("README §4 Two-layer network: Scores");
    }

    /// <summary>§4: data loss + 0.5 * reg * (sum w1^2 + sum w2^2), and the gradient of every parameter.</summary>
    public static (double Loss, Tensor DW1, Tensor Db1, Tensor DW2, Tensor Db2) Loss(
        Tensor x, Tensor y, Tensor w1, Tensor b1, Tensor w2, Tensor b2, double reg)
    {
        throw new NotImplementedException("README §4 Two-layer network: Loss");
    }
}
