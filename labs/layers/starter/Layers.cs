using DlPath.Tensors;

namespace Labs.Layers;

/// <summary>
/// Lab 4: layers with hand-written backward passes (no autograd). Each backward gets the upstream gradient
/// dout (same shape as the forward's output) and the forward's inputs, and returns the gradient of every input.
/// </summary>
public static class Layers
{
    /// <summary>§1: out = x.reshape(N, D) @ w + b. x: (N, d1, ..., dk), w: (D, M), b: (M) -> (N, M).</summary>
    public static Tensor AffineForward(Tensor x, Tensor w, Tensor b)
    {
        throw new NotImplementedException("README §1 Affine layer: AffineForward");
    }

    /// <summary>§1: (dx with x's shape, dw (D, M), db (M)).</summary>
    public static (Tensor Dx, Tensor Dw, Tensor Db) AffineBackward(Tensor dout, Tensor x, Tensor w, Tensor b)
    {
        throw new NotImplementedException("README §1 Affine layer: AffineBackward");
    }

    /// <summary>§2: max(0, x), any shape.</summary>
    public static Tensor ReluForward(Tensor x)
    {
        throw new NotImplementedException("README §2 ReLU: ReluForward");
    }

    /// <summary>§2: dx for ReLU.</summary>
    public static Tensor ReluBackward(Tensor dout, Tensor x)
    {
        throw new NotImplementedException("README §2 ReLU: ReluBackward");
    }

    /// <summary>§3: mean softmax cross-entropy of scores (N, C) for labels y (N) int64, and d loss / d scores.</summary>
    public static (double Loss, Tensor DScores) SoftmaxLoss(Tensor scores, Tensor y)
    {
        throw new NotImplementedException("README §3 Softmax loss: SoftmaxLoss");
    }
}
