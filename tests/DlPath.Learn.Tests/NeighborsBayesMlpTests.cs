using DlPath.Learn.NaiveBayes;
using DlPath.Learn.Neighbors;
using DlPath.Learn.NeuralNetwork;

namespace DlPath.Learn.Tests;

public sealed class NeighborsBayesMlpTests
{
    [Fact]
    public void KnnVotesAmongTheNearestAndBreaksTiesTowardsTheSmallerLabel()
    {
        var x = new double[,] { { 0 }, { 1 }, { 2 }, { 10 }, { 11 } };
        double[] y = [0, 0, 1, 1, 1];
        var knn = new KNeighborsClassifier { NNeighbors = 3 };
        knn.Fit(x, y);
        Assert.Equal([0.0, 1.0], knn.Predict(new double[,] { { 0.4 }, { 9 } }));
        var p = knn.PredictProba(new double[,] { { 0.4 } });
        Assert.Equal(2.0 / 3, p[0, 0], 12);
        var two = new KNeighborsClassifier { NNeighbors = 2 };
        two.Fit(x, y);
        Assert.Equal(0.0, two.Predict(new double[,] { { 1.6 } })[0]);   // one vote each: the smaller label
        var distance = new KNeighborsClassifier { NNeighbors = 2, Weights = NeighborWeights.Distance };
        distance.Fit(x, y);
        Assert.Equal(1.0, distance.Predict(new double[,] { { 1.6 } })[0]);   // the closer neighbour wins
    }

    [Fact]
    public void KnnRegressionAveragesNeighbours()
    {
        var x = new double[,] { { 0 }, { 1 }, { 2 }, { 3 } };
        var knn = new KNeighborsRegressor { NNeighbors = 2 };
        knn.Fit(x, [0, 10, 20, 30]);
        Assert.Equal(15, knn.Predict(new double[,] { { 1.4 } })[0], 12);
        Assert.Throws<ArgumentException>(() => new KNeighborsRegressor { NNeighbors = 9 }.Fit(x, [0, 1, 2, 3]));
    }

    [Fact]
    public void GaussianNbEstimatesClassMeansVariancesAndPriors()
    {
        var x = new double[,] { { 1 }, { 3 }, { 10 }, { 12 }, { 14 } };
        double[] y = [0, 0, 1, 1, 1];
        var nb = new GaussianNB { VarSmoothing = 0 };
        nb.Fit(x, y);
        Assert.Equal(2, nb.Theta[0, 0], 12);
        Assert.Equal(1, nb.Var[0, 0], 12);
        Assert.Equal(12, nb.Theta[1, 0], 12);
        Assert.Equal(8.0 / 3, nb.Var[1, 0], 12);
        Assert.Equal([0.4, 0.6], nb.ClassPrior);
        // log P(x | c) + log P(c) by hand at x = 5.
        double l0 = Math.Log(0.4) - 0.5 * Math.Log(2 * Math.PI) - 0.5 * 9;
        double l1 = Math.Log(0.6) - 0.5 * Math.Log(2 * Math.PI * 8.0 / 3) - 0.5 * 49 / (8.0 / 3);
        var j = nb.JointLogLikelihood(new double[,] { { 5 } });
        Assert.Equal(l0, j[0, 0], 10);
        Assert.Equal(l1, j[0, 1], 10);
    }

    [Fact]
    public void MlpBackpropagationMatchesCentredDifferences()
    {
        var x = TestData.Blobs(6, [(0, 0), (1, 1), (0, 1)], 0.5, 1, out var y);
        foreach (var activation in new[] { Activation.Logistic, Activation.Tanh })
        {
            var mlp = new MlpClassifier { HiddenLayerSizes = [4, 3], Activation = activation, Alpha = 0.01, MaxIter = 1, RandomState = 0 };
            mlp.Fit(x, y);
            var rows = LinAlg.Rows(x);
            var yi = y.Select(v => (int)v).ToArray();
            var idx = Enumerable.Range(0, yi.Length).ToArray();
            var (_, gw, _) = mlp.LossAndGradients(rows, yi, idx, 3);
            // Perturb the first layer's weights through the public coefficient view's backing store.
            var w0 = GetWeights(mlp, 0);
            var numeric = TestData.NumericGradient(t =>
            {
                Array.Copy(t, w0, t.Length);
                return mlp.LossAndGradients(rows, yi, idx, 3).Loss;
            }, (double[])w0.Clone());
            Assert.True(TestData.RelativeError(gw[0], numeric) < 1e-7, $"{activation}: relative error {TestData.RelativeError(gw[0], numeric)}");
        }
    }

    private static double[] GetWeights(MlpClassifier mlp, int layer)
    {
        var field = typeof(MlpClassifier).GetField("_w", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        return ((double[][])field.GetValue(mlp)!)[layer];
    }

    [Fact]
    public void MlpLearnsXor()
    {
        var x = new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
        double[] y = [0, 1, 1, 0];
        var mlp = new MlpClassifier { HiddenLayerSizes = [8], Activation = Activation.Tanh, LearningRateInit = 0.05, MaxIter = 1000, Alpha = 0, RandomState = 1 };
        mlp.Fit(x, y);
        Assert.Equal(y, mlp.Predict(x));
        Assert.True(mlp.LossCurve[^1] < mlp.LossCurve[0]);
    }
}
