namespace DlPath.Labs.Tests;

public sealed class MicrogradLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("micrograd"));

    [Fact]
    public void Overwritten_gradients_are_caught()
    {
        var results = InProcess.Grade("micrograd", "GradOverwrite");
        InProcess.AssertCaught(results, "grad-accumulates", "grad-overwritten", "+=");
        Assert.False(results.Single(r => r.Id == "more-ops").Passed);
    }

    [Fact]
    public void Wrong_tanh_derivative_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("micrograd", "TanhDerivative"), "tanh-gradcheck", "tanh-derivative", "1 - t^2");

    [Fact]
    public void Forgotten_zero_grad_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("micrograd", "NoZeroGrad"), "mlp-overfit", "no-zero-grad", "p.Grad = 0");
}
