namespace DlPath.Labs.Tests;

public sealed class TensorsLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("tensors"));

    [Fact]
    public void Squared_distances_are_caught() =>
        InProcess.AssertCaught(InProcess.Grade("tensors", "NoSqrt"), "distances-vectorised", "no-sqrt", "square root");

    [Fact]
    public void Standardising_rows_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("tensors", "WrongAxis"), "standardize-expected", "wrong-axis", "dim 0");

    [Fact]
    public void Unbiased_std_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("tensors", "UnbiasedStd"), "standardize-expected", "unbiased-std", "biased std");

    [Fact]
    public void Timing_is_reported_for_the_vectorised_version()
    {
        var r = InProcess.Grade("tensors").Single(c => c.Id == "distances-vectorised");
        Assert.Matches(@"loops [\d.]+ ms, vectorised [\d.]+ ms: [\d.]+x", r.Timing);
    }
}
