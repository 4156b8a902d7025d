using DlPath.Tensors;

namespace Labs.Layers;

/// <summary>Reference solution of lab 4 (tests only).</summary>
public static class TwoLayerNet
{
    public static Tensor Scores(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) =>
        Layers.AffineForward(Layers.ReluForward(Layers.AffineForward(x, w1, b1)), w2, b2);

    public static (double Loss, Tensor DW1, Tensor Db1, Tensor DW2, Tensor Db2) Loss(
        Tensor x, Tensor y, Tensor w1, Tensor b1, Tensor w2, Tensor b2, double reg)
    {
        var a = Layers.AffineForward(x, w1, b1);
        var h = Layers.ReluForward(a);
        var s = Layers.AffineForward(h, w2, b2);
        var (loss, ds) = Layers.SoftmaxLoss(s, y);
        loss += 0.5 * reg * ((w1 * w1).Sum().Item() + (w2 * w2).Sum().Item());
        var (dh, dw2, db2) = Layers.AffineBackward(ds, h, w2, b2);
        var da = Layers.ReluBackward(dh, a);
        var (_, dw1, db1) = Layers.AffineBackward(da, x, w1, b1);
        return (loss, dw1 + (reg * w1), db1, dw2 + (reg * w2), db2);
    }
}
