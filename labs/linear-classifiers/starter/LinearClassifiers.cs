using DlPath.Tensors;

namespace Labs.LinearClassifiers;

/// <summary>
/// Lab 3: multiclass SVM and softmax losses with their gradients, first with loops, then vectorised.
/// Shapes everywhere: w (D, C), x (N, D), y (N) int64 class indices, reg the L2 strength. Read README.md.
/// </summary>
public static class LinearClassifiers
{
    /// <summary>§1: SVM loss and dW with explicit loops over examples and classes.</summary>
    public static (double Loss, Tensor DW) SvmLossNaive(Tensor w, Tensor x, Tensor y, double reg)
    {
        throw new NotImplementedException("README §1 SVM loss, naive");
    }

    /// <summary>§2: the same SVM loss and dW with no loop over examples.</summary>
    public static (double Loss, Tensor DW) SvmLossVectorized(Tensor w, Tensor x, Tensor y, double reg)
    {
        throw new NotImplementedException("README §2 SVM loss, vectorised");
    }

    /// <summary>§3: softmax (cross-entropy) loss and dW with explicit loops.</summary>
    public static (double Loss, Tensor DW) SoftmaxLossNaive(Tensor w, Tensor x, Tensor y, double reg)
    {
        throw new NotImplementedException("README §3 Softmax loss, naive");
    }

    /// <summary>§4: the same softmax loss and dW with no loop.</summary>
    public static (double Loss, Tensor DW) SoftmaxLossVectorized(Tensor w, Tensor x, Tensor y, double reg)
    {
        throw new NotImplementedException("README §4 Softmax loss, vectorised");
    }
}
