namespace DlPath.Labs.Tests;

public sealed class BatchnormLabTests
{
    [Fact]
    public void Reference_passes_and_reports_the_speed_up()
    {
        var results = InProcess.Grade("batchnorm");
        InProcess.AssertAllPass(results);
        Assert.Matches(@"graph [\d.]+ ms, closed form [\d.]+ ms", results.Single(r => r.Id == "backward-alt").Timing);
    }

    [Fact]
    public void Batch_statistics_at_evaluation_are_caught() =>
        InProcess.AssertCaught(InProcess.Grade("batchnorm", "EvalBatchStats"), "eval-uses-running", "eval-batch-stats", "running_mean and running_var");

    [Fact]
    public void Dgamma_without_xhat_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("batchnorm", "DgammaNoXhat"), "backward-gradcheck", "dgamma-no-xhat", "dout * xhat");

    [Fact]
    public void Layer_norm_over_the_batch_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("batchnorm", "LayerNormOverBatch"), "layernorm-forward", "wrong-axis", "features of each example");

    [Fact]
    public void Reversed_momentum_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("batchnorm", "ReversedMomentum"), "running-stats", "momentum-reversed", "(1 - momentum) * running");
}
