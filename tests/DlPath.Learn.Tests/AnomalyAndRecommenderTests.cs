using DlPath.Learn.Anomaly;
using DlPath.Learn.Recommender;

namespace DlPath.Learn.Tests;

public sealed class AnomalyAndRecommenderTests
{
    [Fact]
    public void Ex8FirstDatasetThresholdMatchesTheCourseScript()
    {
        var mat = TestData.Mat("ex8/ex8data1.mat");
        var detector = new GaussianAnomalyDetector();
        detector.Fit(mat.GetMatrix("X"));
        detector.FitThreshold(mat.GetMatrix("Xval"), mat.GetNumeric("yval").ToVector());
        Assert.Equal(8.99e-05, detector.Epsilon!.Value, 7);
        Assert.Equal(0.875, detector.ValidationF1!.Value, 3);
    }

    [Fact]
    public void Ex8HighDimensionalThresholdAndOutlierCountMatchTheCourseScript()
    {
        var mat = TestData.Mat("ex8/ex8data2.mat");
        var x = mat.GetMatrix("X");
        var detector = new GaussianAnomalyDetector();
        detector.Fit(x);
        detector.FitThreshold(mat.GetMatrix("Xval"), mat.GetNumeric("yval").ToVector());
        Assert.Equal(1.38, detector.Epsilon!.Value * 1e18, 2);
        Assert.Equal(0.615385, detector.ValidationF1!.Value, 6);
        Assert.Equal(117, detector.Predict(x).Sum());
    }

    [Fact]
    public void MultivariateDensityEqualsIndependentWhenFeaturesAreUncorrelated()
    {
        var x = new double[,] { { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 } };
        var a = new GaussianAnomalyDetector();
        var b = new GaussianAnomalyDetector { Multivariate = true };
        a.Fit(x);
        b.Fit(x);
        Assert.Equal(a.Probability(x)[0], b.Probability(x)[0], 12);
        Assert.Equal(1 / (2 * Math.PI), a.Probability(new double[,] { { 0, 0 } })[0], 12);
        Assert.Throws<InvalidOperationException>(() => a.Predict(x));
    }

    private static (double[] Params, double[,] Y, double[,] R) ReducedMovies()
    {
        var movies = TestData.Mat("ex8/ex8_movies.mat");
        var p = TestData.Mat("ex8/ex8_movieParams.mat");
        var y = TestData.Columns(movies.GetMatrix("Y"), 0, 4);
        var r = TestData.Columns(movies.GetMatrix("R"), 0, 4);
        var x = TestData.Columns(p.GetMatrix("X"), 0, 3);
        var theta = TestData.Columns(p.GetMatrix("Theta"), 0, 3);
        return (CollaborativeFiltering.Roll(Rows(x, 5), Rows(theta, 4)), Rows(y, 5), Rows(r, 5));
    }

    private static double[,] Rows(double[,] m, int n)
    {
        var r = new double[n, m.GetLength(1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m.GetLength(1); j++)
            {
                r[i, j] = m[i, j];
            }
        }
        return r;
    }

    [Fact]
    public void Ex8CollaborativeFilteringCostMatchesTheCourseScript()
    {
        var (p, y, r) = ReducedMovies();
        Assert.Equal(22.22, CollaborativeFiltering.CostAndGradient(p, y, r, 4, 5, 3, 0).Cost, 2);
        Assert.Equal(31.34, CollaborativeFiltering.CostAndGradient(p, y, r, 4, 5, 3, 1.5).Cost, 2);
    }

    [Fact]
    public void CollaborativeFilteringGradientMatchesCentredDifferences()
    {
        var (p, y, r) = ReducedMovies();
        var (_, g) = CollaborativeFiltering.CostAndGradient(p, y, r, 4, 5, 3, 1.5);
        var numeric = TestData.NumericGradient(t => CollaborativeFiltering.CostAndGradient(t, y, r, 4, 5, 3, 1.5).Cost, p);
        Assert.True(TestData.RelativeError(g, numeric) < 1e-9);
    }

    [Fact]
    public void RecommenderFitsALowRankMatrixAndNormalisesMeans()
    {
        // A rank-1 rating matrix with some entries hidden.
        double[] a = [1, 2, 3, 4, 5, 2];
        double[] b = [1, 0.5, 0.8, 1.2];
        var y = new double[6, 4];
        var r = new double[6, 4];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                y[i, j] = a[i] * b[j];
                r[i, j] = (i + j) % 5 == 0 ? 0 : 1;
            }
        }
        var (norm, mean) = CollaborativeFiltering.NormalizeRatings(y, r);
        Assert.Equal(0, Enumerable.Range(0, 4).Where(j => r[0, j] == 1).Sum(j => norm[0, j]), 12);
        Assert.True(mean[0] > 0);
        var cf = new CollaborativeFiltering { Features = 2, Lambda = 0.001, MaxIter = 500, RandomState = 1 };
        cf.Fit(y, r);
        var p = cf.PredictAll();
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                if (r[i, j] == 1)
                {
                    Assert.Equal(y[i, j], p[i, j], 1);
                }
            }
        }
    }
}
