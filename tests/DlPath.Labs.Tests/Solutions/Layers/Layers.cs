using DlPath.Tensors;

namespace Labs.Layers;

/// <summary>Reference solution of lab 4 (tests only).</summary>
public static class Layers
{
    public static Tensor AffineForward(Tensor x, Tensor w, Tensor b) => x.Reshape(x.Size(0), -1).MatMul(w) + b;

    public static (Tensor Dx, Tensor Dw, Tensor Db) AffineBackward(Tensor dout, Tensor x, Tensor w, Tensor b)
    {
        var flat = x.Reshape(x.Size(0), -1);
        return (dout.MatMul(w.Transpose(0, 1)).Reshape(x.ShapeArray()), flat.Transpose(0, 1).MatMul(dout), dout.Sum(0));
    }

    public static Tensor ReluForward(Tensor x) => x.ClampMin(0);

    public static Tensor ReluBackward(Tensor dout, Tensor x) => dout * x.Gt(0).Double();

    public static (double Loss, Tensor DScores) SoftmaxLoss(Tensor scores, Tensor y)
    {
        int n = scores.Size(0);
        var p = (scores - scores.Amax(1, keepDim: true)).Softmax(1);
        double loss = -p.Gather(1, y.Unsqueeze(1)).Log().Mean().Item();
        return (loss, (p - y.OneHot(scores.Size(1)).Double()) / n);
    }
}
