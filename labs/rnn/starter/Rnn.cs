using DlPath.Tensors;

namespace Labs.Rnn;

/// <summary>Lab 9: a vanilla (tanh) RNN. x_t (N, D), h (N, H), wx (D, H), wh (H, H), b (H). Read README.md.</summary>
public static class Rnn
{
    /// <summary>§1: next_h = tanh(x wx + prev_h wh + b).</summary>
    public static Tensor StepForward(Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §1 RNN step: StepForward");
    }

    /// <summary>§1: gradients of one step given dL/d next_h (recompute the forward values you need).</summary>
    public static (Tensor Dx, Tensor DprevH, Tensor Dwx, Tensor Dwh, Tensor Db) StepBackward(
        Tensor dnextH, Tensor x, Tensor prevH, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §1 RNN step: StepBackward");
    }

    /// <summary>§2: x (N, T, D), h0 (N, H) -> every hidden state h (N, T, H).</summary>
    public static Tensor Forward(Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §2 RNN sequence: Forward");
    }

    /// <summary>§2: backpropagation through time; dh (N, T, H) is the upstream gradient of every hidden state.</summary>
    public static (Tensor Dx, Tensor Dh0, Tensor Dwx, Tensor Dwh, Tensor Db) Backward(
        Tensor dh, Tensor x, Tensor h0, Tensor wx, Tensor wh, Tensor b)
    {
        throw new NotImplementedException("README §2 RNN sequence: Backward");
    }
}
