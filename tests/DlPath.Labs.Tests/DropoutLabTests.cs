namespace DlPath.Labs.Tests;

public sealed class DropoutLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("dropout"));

    [Fact]
    public void Missing_inverted_scaling_is_caught()
    {
        var results = InProcess.Grade("dropout", "NoInvertedScale");
        InProcess.AssertCaught(results, "train-statistics", "no-inverted-scale", "divide the kept values by 1 - p");
        InProcess.AssertCaught(results, "mask-consistent", "no-inverted-scale", "1 - p");
    }

    [Fact]
    public void Keep_probability_confusion_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("dropout", "KeepProbability"), "train-statistics", "keep-prob", "probability of dropping");

    [Fact]
    public void Scaling_at_evaluation_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("dropout", "EvalScaled"), "eval-identity", "eval-scaled", "return x unchanged");
}
