namespace DlPath.Labs.Tests;

public sealed class RnnLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("rnn"));

    [Fact]
    public void Missing_tanh_derivative_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("rnn", "NoTanhDerivative"), "rnn-step-backward", null, "(1 - next_h^2)");

    [Fact]
    public void Overwritten_embedding_gradient_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("rnn", "EmbeddingOverwrite"), "embedding", "duplicate-overwrite", "accumulate");

    [Fact]
    public void Torch_gate_order_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("rnn", "TorchGateOrder"), "lstm-step-forward", "gate-order", "i, f, o, g");
}
