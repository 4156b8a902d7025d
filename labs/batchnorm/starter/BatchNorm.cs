using DlPath.Tensors;

namespace Labs.Batchnorm;

/// <summary>Lab 7: batch normalisation of x (N, D) over the batch, per feature. Read README.md.</summary>
public static class BatchNorm
{
    /// <summary>
    /// §1 / §2: training mode normalises with the batch's statistics and returns updated running statistics
    /// (PyTorch's rule: running = (1 - momentum) * running + momentum * batch, with the unbiased batch variance);
    /// evaluation mode normalises with the running statistics, returns them unchanged, and a null cache.
    /// </summary>
    public static (Tensor Out, NormCache? Cache, Tensor RunningMean, Tensor RunningVar) Forward(
        Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool train, double momentum, double eps)
    {
        throw new NotImplementedException("README §1 Forward (training) and §2 Running statistics and evaluation");
    }

    /// <summary>§3: backward through the computation graph, one small step at a time.</summary>
    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, NormCache cache)
    {
        throw new NotImplementedException("README §3 Backward through the graph");
    }

    /// <summary>§4: the same gradients with the simplified closed form for dx.</summary>
    public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) BackwardAlt(Tensor dout, NormCache cache)
    {
        throw new NotImplementedException("README §4 Closed-form backward");
    }
}
