using DlPath.Tensors;

namespace Labs.Cnn.Bugs.FlippedKernel
{
    // Seeded bug: mathematical convolution (kernel flipped) instead of the frameworks' cross-correlation.
    public static class Conv
    {
        public static Tensor ForwardNaive(Tensor x, Tensor w, Tensor b, int stride, int pad) =>
            Labs.Cnn.Conv.Forward(x, w, b, stride, pad, flip: true);
    }
}

namespace Labs.Cnn.Bugs.SpreadToWindow
{
    // Seeded bug: max-pool backward gives dout to every element of the window.
    public static class MaxPool
    {
        public static Tensor BackwardNaive(Tensor dout, Tensor x, int poolHeight, int poolWidth, int stride) =>
            Labs.Cnn.MaxPool.Backward(dout, x, poolHeight, poolWidth, stride, spread: true);
    }
}

namespace Labs.Cnn.Bugs.PerPosition
{
    // Seeded bug: spatial batch norm statistics per (C, H, W) position, over the batch only.
    public static class SpatialBatchNorm
    {
        public static (Tensor Out, Labs.Cnn.SpatialCache Cache) ForwardTrain(Tensor x, Tensor gamma, Tensor beta, double eps) =>
            Labs.Cnn.SpatialBatchNorm.Forward(x, gamma, beta, eps, [0]);
    }
}
