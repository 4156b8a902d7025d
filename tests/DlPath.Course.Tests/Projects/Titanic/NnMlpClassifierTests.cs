using DlPath.Course.Projects.Titanic;
using DlPath.Learn;

namespace DlPath.Course.Tests.Projects.Titanic;

public class NnMlpClassifierTests
{
    // Two noisy blobs that a linear model separates only partly and an MLP can bend around: y = 1 inside a ring.
    private static (double[,] X, double[] Y) Ring(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = (random.NextDouble() * 4) - 2;
            x[i, 1] = (random.NextDouble() * 4) - 2;
            y[i] = (x[i, 0] * x[i, 0]) + (x[i, 1] * x[i, 1]) < 1.5 ? 1 : 0;
        }
        return (x, y);
    }

    [Fact]
    public void LearnsANonLinearBoundary()
    {
        var (x, y) = Ring(400, 1);
        var (xt, yt) = Ring(200, 2);
        var mlp = new NnMlpClassifier { Hidden = 16, Epochs = 80, RandomState = 3 };
        mlp.Fit(x, y);
        Assert.True(mlp.Score(xt, yt) > 0.9, $"accuracy {mlp.Score(xt, yt)}");
        var p = mlp.PredictProba(xt);
        Assert.Equal((200, 2), (p.GetLength(0), p.GetLength(1)));
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(1.0, p[i, 0] + p[i, 1], 5);
        }
    }

    [Fact]
    public void SameSeedSameModelAndCloneKeepsSettings()
    {
        var (x, y) = Ring(200, 4);
        var a = new NnMlpClassifier { Hidden = 8, Epochs = 10, WeightDecay = 0, RandomState = 7 };
        var b = (NnMlpClassifier)a.Clone();
        Assert.Equal((8, 10, 0.0, 7), (b.Hidden, b.Epochs, b.WeightDecay, b.RandomState));
        Assert.False(b.IsFitted);
        a.Fit(x, y);
        b.Fit(x, y);
        Assert.Equal(a.PredictProba(x).Cast<double>(), b.PredictProba(x).Cast<double>());
        Assert.Throws<NotFittedException>(() => new NnMlpClassifier().Predict(x));
    }

    [Fact]
    public void BadSettingsAreNamed()
    {
        var (x, y) = Ring(20, 5);
        var ex = Assert.Throws<ArgumentException>(() => new NnMlpClassifier { Epochs = 0 }.Fit(x, y));
        Assert.Contains("NnMlpClassifier.Fit", ex.Message);
    }
}
