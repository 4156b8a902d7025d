namespace DlPath.Labs.Tests;

public sealed class AttentionLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("attention"));

    [Fact]
    public void Missing_scale_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("attention", "NoScale"), "sdpa-forward", "no-scale", "sqrt(d)");

    [Fact]
    public void Transposed_causal_mask_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("attention", "MaskTransposed"), "causal-mask", "mask-transposed", "lower triangle");

    [Fact]
    public void Ignored_causal_flag_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("attention", "CausalIgnored"), "causal-no-future", "future-visible", "causal mask");
}
