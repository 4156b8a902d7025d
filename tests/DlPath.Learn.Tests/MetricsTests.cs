using DlPath.Learn.Metrics;

namespace DlPath.Learn.Tests;

/// <summary>Expected values from scikit-learn 1.2.1's sklearn.metrics on the same inputs.</summary>
public sealed class MetricsTests
{
    private static readonly double[] Yt = [0, 1, 2, 2, 1, 0, 1, 2, 0, 2];
    private static readonly double[] Yp = [0, 2, 2, 2, 1, 0, 0, 2, 1, 1];

    [Theory]
    [InlineData(Average.Macro, 0.5833333333333334, 0.5833333333333334, 0.5833333333333334)]
    [InlineData(Average.Weighted, 0.6, 0.6, 0.6)]
    [InlineData(Average.Micro, 0.6, 0.6, 0.6)]
    public void MultiClassAverages(Average average, double p, double r, double f)
    {
        var got = ClassificationMetrics.PrecisionRecallF1(Yt, Yp, average);
        Assert.Equal(p, got.Precision, 12);
        Assert.Equal(r, got.Recall, 12);
        Assert.Equal(f, got.F1, 12);
        Assert.Equal(0.6, ClassificationMetrics.Accuracy(Yt, Yp), 12);
    }

    [Fact]
    public void ConfusionMatrixRowsAreTruth()
    {
        Assert.Equal(new[,] { { 2, 1, 0 }, { 1, 1, 1 }, { 0, 1, 3 } }, ClassificationMetrics.ConfusionMatrix(Yt, Yp));
    }

    [Fact]
    public void BinaryScoresRocAucAndLogLoss()
    {
        double[] y = [0, 1, 1, 0, 1, 1, 0, 0];
        double[] p = [0, 1, 0, 0, 1, 1, 1, 0];
        double[] s = [0.1, 0.8, 0.4, 0.35, 0.8, 0.9, 0.5, 0.2];
        Assert.Equal(0.75, ClassificationMetrics.Precision(y, p), 12);
        Assert.Equal(0.75, ClassificationMetrics.Recall(y, p), 12);
        Assert.Equal(0.75, ClassificationMetrics.F1(y, p), 12);
        Assert.Equal(0.9375, ClassificationMetrics.RocAuc(y, s), 12);
        Assert.Equal(0.36504656422310455, ClassificationMetrics.LogLoss(y, s), 12);
        var proba = new double[,] { { 0.7, 0.2, 0.1 }, { 0.1, 0.3, 0.6 }, { 0.2, 0.2, 0.6 }, { 0.3, 0.3, 0.4 } };
        Assert.Equal(0.6455747489491624, ClassificationMetrics.LogLoss([0, 2, 2, 1], proba), 12);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.F1(Yt, Yp));
        var mismatch = Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([0, 1], new double[2, 3]));
        Assert.Contains("2 distinct labels but the probabilities have 3 columns", mismatch.Message);
    }

    [Fact]
    public void RegressionMetrics()
    {
        double[] t = [3, -0.5, 2, 7];
        double[] p = [2.5, 0, 2, 8];
        Assert.Equal(0.9486081370449679, Metrics.RegressionMetrics.R2(t, p), 12);
        Assert.Equal(0.375, Metrics.RegressionMetrics.MeanSquaredError(t, p), 12);
        Assert.Equal(0.5, Metrics.RegressionMetrics.MeanAbsoluteError(t, p), 12);
        var e = Assert.Throws<ArgumentException>(() => Metrics.RegressionMetrics.R2(t, [1, 2]));
        Assert.Contains("4 values", e.Message);
    }
}
