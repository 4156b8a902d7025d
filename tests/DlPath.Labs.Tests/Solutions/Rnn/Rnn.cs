using DlPath.Tensors;

namespace Labs.Rnn;

/// <summary>Reference solution of lab 9 (tests only).</summary>
public static class Rnn
{
    public static Tensor StepForward(Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b) =>
        (x.MatMul(wx) + prevH.MatMul(wh) + b).Tanh();

    public static (Tensor Dx, Tensor DprevH, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackward(
        Tensor dnextH, Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b) =>
        StepBackwardCore(dnextH, x, prevH, wx, wh, b, tanhDerivative: true);

    internal static (Tensor Dx, Tensor DprevH, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackwardCore(
        Tensor dnextH, Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b, bool tanhDerivative)
    {
        var next = StepForward(x, prevH, wx, wh, b);
        var da = tanhDerivative ? dnextH * (1.0 - (next * next)) : dnextH;
        return (da.MatMul(wx.Transpose(0, 1)), da.MatMul(wh.Transpose(0, 1)), x.Transpose(0, 1).MatMul(da), prevH.Transpose(0, 1).MatMul(da), da.Sum(0));
    }

    public static Tensor Forward(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        var hs = new Tensor[x.Size(1)];
        var h = h0;
        for (int t = 0; t < hs.Length; t++) hs[t] = h = StepForward(x.Select(1, t), h, wx, wh, b);
        return Tensor.Stack(hs, 1);
    }

    public static (Tensor Dx, Tensor Dh0, Tensor Dwx, Tensor Dwh, Tensor Db) Backward(
        Tensor dh, Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        var hs = Forward(x, h0, wx, wh, b);
        int steps = x.Size(1);
        var dxs = new Tensor[steps];
        var (dwx, dwh, db) = (Tensor.ZerosLike(wx), Tensor.ZerosLike(wh), Tensor.ZerosLike(b));
        var carry = Tensor.ZerosLike(h0);
        for (int t = steps - 1; t >= 0; t--)
        {
            var prev = t == 0 ? h0 : hs.Select(1, t - 1);
            var g = StepBackward(dh.Select(1, t) + carry, x.Select(1, t), prev, wx, wh, b);
            dxs[t] = g.Dx;
            carry = g.DprevH;
            (dwx, dwh, db) = (dwx + g.Dwx, dwh + g.Dwh, db + g.Db);
        }

        return (Tensor.Stack(dxs, 1), carry, dwx, dwh, db);
    }
}
