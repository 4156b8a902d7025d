using DlPath.Tensors;

namespace Labs.Layers.Bugs.TransposedDw
{
    // Seeded bug: dw computed as dout^T @ X, shape (M, D).
    public static class Layers
    {
        public static (Tensor Dx, Tensor Dw, Tensor Db) AffineBackward(Tensor dout, Tensor x, Tensor w, Tensor b)
        {
            var flat = x.Reshape(x.Size(0), -1);
            return (dout.MatMul(w.Transpose(0, 1)).Reshape(x.ShapeArray()), dout.Transpose(0, 1).MatMul(flat), dout.Sum(0));
        }
    }
}

namespace Labs.Layers.Bugs.ReluMaskOnDout
{
    // Seeded bug: the ReLU mask taken from dout instead of x.
    public static class Layers
    {
        public static Tensor ReluBackward(Tensor dout, Tensor x) => dout * dout.Gt(0).Double();
    }
}

namespace Labs.Layers.Bugs.NoRegGradient
{
    // Seeded bug: the regularisation term is in the loss but not in dW1/dW2.
    public static class TwoLayerNet
    {
        public static (double Loss, Tensor DW1, Tensor Db1, Tensor DW2, Tensor Db2) Loss(
            Tensor x, Tensor y, Tensor w1, Tensor b1, Tensor w2, Tensor b2, double reg)
        {
            var r = Labs.Layers.TwoLayerNet.Loss(x, y, w1, b1, w2, b2, reg);
            return (r.Loss, r.DW1 - (reg * w1), r.Db1, r.DW2 - (reg * w2), r.Db2);
        }
    }
}
