namespace DlPath.Labs.Tests;

public sealed class CnnLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("cnn"));

    [Fact]
    public void Flipped_kernel_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("cnn", "FlippedKernel"), "conv-forward", "flipped-kernel", "cross-correlation");

    [Fact]
    public void Max_pool_gradient_spread_over_the_window_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("cnn", "SpreadToWindow"), "maxpool-backward", "spread-to-window", "position of the maximum");

    [Fact]
    public void Per_position_spatial_statistics_are_caught() =>
        InProcess.AssertCaught(InProcess.Grade("cnn", "PerPosition"), "spatial-bn-forward", "wrong-axis", "per channel");
}
