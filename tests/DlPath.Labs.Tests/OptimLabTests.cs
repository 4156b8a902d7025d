namespace DlPath.Labs.Tests;

public sealed class OptimLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("optim"));

    [Fact]
    public void Adam_without_bias_correction_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("optim", "NoBiasCorrection"), "adam-expected", "no-bias-correction", "1 - beta1^t");

    [Fact]
    public void Epsilon_inside_the_square_root_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("optim", "EpsInsideSqrt"), "rmsprop-expected", "eps-inside-sqrt", "outside the square root");

    [Fact]
    public void Stepping_with_the_old_velocity_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("optim", "OldVelocity"), "sgd-momentum-expected", "old-velocity", "updated velocity");
}
