using DlPath.Tensors;

namespace Labs.Batchnorm.Bugs.EvalBatchStats
{
    // Seeded bug: evaluation normalises with the batch's own statistics.
    public static class BatchNorm
    {
        public static (Tensor Out, NormCache? Cache, Tensor RunningMean, Tensor RunningVar) Forward(
            Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool train, double momentum, double eps)
        {
            var r = Labs.Batchnorm.BatchNorm.Forward(x, gamma, beta, runningMean, runningVar, true, momentum, eps);
            return train ? r : (r.Out, null, runningMean, runningVar);
        }
    }
}

namespace Labs.Batchnorm.Bugs.DgammaNoXhat
{
    // Seeded bug: dgamma = sum(dout), forgetting that gamma multiplies xhat.
    public static class BatchNorm
    {
        public static (Tensor Dx, Tensor Dgamma, Tensor Dbeta) Backward(Tensor dout, NormCache cache)
        {
            var r = Labs.Batchnorm.BatchNorm.Backward(dout, cache);
            return (r.Dx, dout.Sum(0), r.Dbeta);
        }
    }
}

namespace Labs.Batchnorm.Bugs.LayerNormOverBatch
{
    // Seeded bug: layer norm normalises over the batch (dim 0) like batch norm.
    public static class LayerNorm
    {
        public static (Tensor Out, NormCache Cache) Forward(Tensor x, Tensor gamma, Tensor beta, double eps) =>
            Labs.Batchnorm.LayerNorm.ForwardOver(x, gamma, beta, eps, dim: 0);
    }
}

namespace Labs.Batchnorm.Bugs.ReversedMomentum
{
    // Seeded bug: cs231n's momentum convention with PyTorch's value (0.9 of the batch statistic).
    public static class BatchNorm
    {
        public static (Tensor Out, NormCache? Cache, Tensor RunningMean, Tensor RunningVar) Forward(
            Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool train, double momentum, double eps) =>
            Labs.Batchnorm.BatchNorm.Forward(x, gamma, beta, runningMean, runningVar, train, 1 - momentum, eps);
    }
}
