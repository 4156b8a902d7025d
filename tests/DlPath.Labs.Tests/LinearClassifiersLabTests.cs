namespace DlPath.Labs.Tests;

public sealed class LinearClassifiersLabTests
{
    [Fact]
    public void Reference_passes() => InProcess.AssertAllPass(InProcess.Grade("linear-classifiers"));

    [Fact]
    public void Counting_the_correct_class_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("linear-classifiers", "CountsCorrectClass"), "svm-naive", "offset:1", "j == y_i");

    [Fact]
    public void Forgetting_to_divide_by_n_is_caught()
    {
        var results = InProcess.Grade("linear-classifiers", "NoDivideByN");
        InProcess.AssertCaught(results, "softmax-vectorised", "scale:N", "divide by N");
        Assert.False(results.Single(r => r.Id == "softmax-init-loss").Passed);
    }

    [Fact]
    public void Missing_minus_one_in_the_softmax_gradient_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("linear-classifiers", "NoMinusOne"), "softmax-naive", null, "-1 at the correct class");

    [Fact]
    public void Wrong_regularisation_gradient_is_caught() =>
        InProcess.AssertCaught(InProcess.Grade("linear-classifiers", "RegGradient"), "svm-vectorised", "reg-grad-factor", "2 * reg * W");
}
