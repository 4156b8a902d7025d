namespace DlPath.Labs.Tests;

public sealed class LayersLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("layers"));

    [Fact]
    public void Transposed_weight_gradient_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("layers", "TransposedDw"), "affine-backward", "transposed", "X^T @ dout");

    [Fact]
    public void Relu_mask_from_dout_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("layers", "ReluMaskOnDout"), "relu", "relu-mask-dout", "not from dout");

    [Fact]
    public void Missing_regularisation_gradient_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("layers", "NoRegGradient"), "two-layer-gradcheck", "reg-grad-factor", "reg * w");
}
