using DlPath.Tensors;

namespace Labs.Rnn;

/// <summary>Lab 9: an LSTM. wx (D, 4H), wh (H, 4H), b (4H), gates in the order i, f, o, g.</summary>
public static class Lstm
{
    /// <summary>§3: one step: (next_h, next_c).</summary>
    public static (Tensor NextH, Tensor NextC) StepForward(Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §3 LSTM step: StepForward");
    }

    /// <summary>§3: gradients of one step given dL/d next_h and dL/d next_c.</summary>
    public static (Tensor Dx, Tensor DprevH, Tensor DprevC, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackward(
        Tensor dnextH, Tensor dnextC, Tensor x, Tensor prevH, Tensor prevC, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §3 LSTM step: StepBackward");
    }

    /// <summary>§4: x (N, T, D), h0 (N, H), c0 = 0 -> h (N, T, H).</summary>
    public static Tensor Forward(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §4 LSTM sequence: Forward");
    }

    /// <summary>§4: backpropagation through time for the LSTM.</summary>
    public static (Tensor Dx, Tensor Dh0, Tensor Dwx, Tensor Dwh, Tensor Db) Backward(
        Tensor dh, Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §4 LSTM sequence: Backward");
    }
}
