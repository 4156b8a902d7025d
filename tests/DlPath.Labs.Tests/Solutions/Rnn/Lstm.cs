using DlPath.Tensors;

namespace Labs.Rnn;

/// <summary>Reference solution of lab 9 (tests only).</summary>
public static class Lstm
{
    public static (Tensor NextH, Tensor NextC) StepForward(Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b) =>
        StepForwardCore(x, prevH, prevC, wx, wh, b, oIndex: 2, gIndex: 3);

    internal static (Tensor NextH, Tensor NextC) StepForwardCore(Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b, int oIndex, int gIndex)
    {
        var (i, f, o, g) = Gates(x, prevH, wx, wh, b, oIndex, gIndex);
        var c = (f * prevC) + (i * g);
        return (o * c.Tanh(), c);
    }

    private static (Tensor I, Tensor F, Tensor O, Tensor G) Gates(Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b, int oIndex = 2, int gIndex = 3)
    {
        int h = prevH.Size(1);
        var a = x.MatMul(wx) + prevH.MatMul(wh) + b;
        return (a.Narrow(1, 0, h).Sigmoid(), a.Narrow(1, h, h).Sigmoid(), a.Narrow(1, oIndex * h, h).Sigmoid(), a.Narrow(1, gIndex * h, h).Tanh());
    }

    public static (Tensor Dx, Tensor DprevH, Tensor DprevC, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackward(
        Tensor dnextH, Tensor dnextC, Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b)
    {
        var (i, f, o, g) = Gates(x, prevH, wx, wh, b);
        var c = (f * prevC) + (i * g);
        var tc = c.Tanh();
        var dc = dnextC + (dnextH * o * (1.0 - (tc * tc)));
        var dai = dc * g * i * (1.0 - i);
        var daf = dc * prevC * f * (1.0 - f);
        var dao = dnextH * tc * o * (1.0 - o);
        var dag = dc * i * (1.0 - (g * g));
        var da = Tensor.Cat([dai, daf, dao, dag], 1);
        return (da.MatMul(wx.Transpose(0, 1)), da.MatMul(wh.Transpose(0, 1)), dc * f,
            x.Transpose(0, 1).MatMul(da), prevH.Transpose(0, 1).MatMul(da), da.Sum(0));
    }

    public static Tensor Forward(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b) => Run(x, h0, wx, wh, b).H;

    private static (Tensor H, Tensor[] Hs, Tensor[] Cs) Run(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        int steps = x.Size(1);
        var hs = new Tensor[steps];
        var cs = new Tensor[steps];
        var (h, c) = (h0, Tensor.ZerosLike(h0));
        for (int t = 0; t < steps; t++)
        {
            (h, c) = StepForward(x.Select(1, t), h, c, wx, wh, b);
            (hs[t], cs[t]) = (h, c);
        }

        return (Tensor.Stack(hs, 1), hs, cs);
    }

    public static (Tensor Dx, Tensor Dh0, Tensor Dwx, Tensor Dwh, Tensor Db) Backward(
        Tensor dh, Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        var (_, hs, cs) = Run(x, h0, wx, wh, b);
        int steps = x.Size(1);
        var dxs = new Tensor[steps];
        var (dwx, dwh, db) = (Tensor.ZerosLike(wx), Tensor.ZerosLike(wh), Tensor.ZerosLike(b));
        var (dhCarry, dcCarry) = (Tensor.ZerosLike(h0), Tensor.ZerosLike(h0));
        for (int t = steps - 1; t >= 0; t--)
        {
            var prevH = t == 0 ? h0 : hs[t - 1];
            var prevC = t == 0 ? Tensor.ZerosLike(h0) : cs[t - 1];
            var g = StepBackward(dh.Select(1, t) + dhCarry, dcCarry, x.Select(1, t), prevH, prevC, wx, wh, b);
            dxs[t] = g.Dx;
            (dhCarry, dcCarry) = (g.DprevH, g.DprevC);
            (dwx, dwh, db) = (dwx + g.Dwx, dwh + g.Dwh, db + g.Db);
        }

        return (Tensor.Stack(dxs, 1), dhCarry, dwx, dwh, db);
    }
}
