using DlPath.Learn.Cluster;
using DlPath.Learn.Decomposition;
using DlPath.Learn.Preprocessing;

namespace DlPath.Learn.Tests;

public sealed class ClusterAndPcaTests
{
    [Fact]
    public void Ex7ClosestCentroidsAndFirstUpdateMatchTheCourseScript()
    {
        var x = TestData.Mat("ex7/ex7data2.mat").GetMatrix("X");
        var initial = new double[,] { { 3, 3 }, { 6, 2 }, { 8, 5 } };
        var idx = KMeans.FindClosestCentroids(x, initial);
        Assert.Equal([0, 2, 1], idx[..3]);
        var c = KMeans.ComputeCentroids(x, idx, 3);
        double[,] expected = { { 2.428301, 3.157924 }, { 5.813503, 2.633656 }, { 7.119387, 3.616684 } };
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k, 0], c[k, 0], 6);
            Assert.Equal(expected[k, 1], c[k, 1], 6);
        }
        var (final, _, history) = KMeans.Run(x, initial, 10);
        Assert.Equal(11, history.Count);
        Assert.Equal(final, history[^1]);
    }

    [Theory]
    [InlineData(KMeansInit.KMeansPlusPlus)]
    [InlineData(KMeansInit.Random)]
    public void KMeansRecoversSeparatedBlobsReproducibly(KMeansInit init)
    {
        var x = TestData.Blobs(40, [(0, 0), (10, 0), (0, 10)], 0.7, 9, out var y);
        var a = new KMeans { NClusters = 3, Init = init, RandomState = 42 };
        a.Fit(x);
        var b = new KMeans { NClusters = 3, Init = init, RandomState = 42 };
        b.Fit(x);
        Assert.Equal(a.Labels, b.Labels);
        // Each true blob maps to exactly one cluster.
        for (int c = 0; c < 3; c++)
        {
            Assert.Single(Enumerable.Range(0, y.Length).Where(i => y[i] == c).Select(i => a.Labels[i]).Distinct());
        }
        Assert.Equal(a.Labels, a.Predict(x));
        Assert.Equal(3, a.Transform(x).GetLength(1));
    }

    [Fact]
    public void Ex7PcaTopEigenvectorProjectionAndRecoveryMatchTheCourseScript()
    {
        var x = TestData.Mat("ex7/ex7data1.mat").GetMatrix("X");
        var norm = new StandardScaler { Ddof = 1 }.FitTransform(x);
        var pca = new Pca();
        pca.Fit(norm);
        Assert.Equal(0.707107, Math.Abs(pca.Components[0, 0]), 6);
        Assert.Equal(0.707107, Math.Abs(pca.Components[0, 1]), 6);
        var one = new Pca { NComponents = 1 };
        var z = one.FitTransform(norm);
        Assert.Equal(1.481274, Math.Abs(z[0, 0]), 6);
        var rec = one.InverseTransform(z);
        Assert.Equal(-1.047419, rec[0, 0], 6);
        Assert.Equal(-1.047419, rec[0, 1], 6);
    }

    [Fact]
    public void PcaWithAllComponentsIsLosslessAndRatiosSumToOne()
    {
        var rng = new Random(1);
        var x = new double[30, 5];
        for (int i = 0; i < 30; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                x[i, j] = rng.NextDouble() * (j + 1);
            }
        }
        var pca = new Pca();
        var back = pca.InverseTransform(pca.FitTransform(x));
        for (int i = 0; i < 30; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(x[i, j], back[i, j], 10);
            }
        }
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 10);
        Assert.True(pca.ExplainedVariance.Zip(pca.ExplainedVariance.Skip(1)).All(p => p.First >= p.Second));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pca { NComponents = 6 }.Fit(x));
    }
}
