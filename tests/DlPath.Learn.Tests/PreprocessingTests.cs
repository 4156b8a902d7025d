using DlPath.Learn.Linear;
using DlPath.Learn.Preprocessing;
using DlPath.Learn.Svm;

namespace DlPath.Learn.Tests;

public sealed class PreprocessingTests
{
    [Fact]
    public void StandardScalerUsesPopulationOrSampleStd()
    {
        var x = new double[,] { { 1, 5 }, { 3, 5 }, { 5, 5 } };
        var s = new StandardScaler();
        var t = s.FitTransform(x);
        Assert.Equal([3.0, 5.0], s.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3), s.Scale[0], 12);
        Assert.Equal(1, s.Scale[1]);                     // constant feature: scale 1, as scikit-learn
        Assert.Equal(-1.224744871391589, t[0, 0], 12);
        Assert.Equal(0, t[1, 1]);
        var course = new StandardScaler { Ddof = 1 };
        Assert.Equal(-1, course.FitTransform(x)[0, 0], 12);
        var back = s.InverseTransform(t);
        Assert.Equal(x[2, 0], back[2, 0], 12);
    }

    [Fact]
    public void MinMaxScalerMapsToTheRange()
    {
        var x = new double[,] { { -2 }, { 0 }, { 6 } };
        var m = new MinMaxScaler { Min = -1, Max = 1 };
        var t = m.FitTransform(x);
        Assert.Equal([-1.0, -0.5, 1.0], new[] { t[0, 0], t[1, 0], t[2, 0] });
        Assert.Throws<ArgumentException>(() => new MinMaxScaler { Min = 1, Max = 1 }.Fit(x));
    }

    [Fact]
    public void PolynomialFeaturesFollowScikitLearnsOrder()
    {
        var p = new PolynomialFeatures { Degree = 2 };
        var t = p.FitTransform(new double[,] { { 2, 3 } });
        Assert.Equal([1.0, 2, 3, 4, 6, 9], Enumerable.Range(0, 6).Select(j => t[0, j]));
        var inter = new PolynomialFeatures { Degree = 3, InteractionOnly = true, IncludeBias = false };
        var u = inter.FitTransform(new double[,] { { 2, 3, 5 } });
        Assert.Equal([2.0, 3, 5, 6, 10, 15, 30], Enumerable.Range(0, 7).Select(j => u[0, j]));
        // The course's mapFeature order: 1, x1, x2, x1², x1x2, x2², x1³, ...
        var m = PolynomialFeatures.MapFeature([2], [3], 3);
        Assert.Equal([1.0, 2, 3, 4, 6, 9, 8, 12, 18, 27], Enumerable.Range(0, 10).Select(j => m[0, j]));
    }

    [Fact]
    public void OneHotEncoderEncodesAndRejectsUnknownCategories()
    {
        var x = new double[,] { { 1, 10 }, { 2, 20 }, { 1, 30 } };
        var e = new OneHotEncoder();
        var t = e.FitTransform(x);
        Assert.Equal(5, e.OutputCount);
        Assert.Equal([1.0, 0, 1, 0, 0], Enumerable.Range(0, 5).Select(j => t[0, j]));
        var ex = Assert.Throws<ArgumentException>(() => e.Transform(new double[,] { { 3, 10 } }));
        Assert.Contains("X[0, 0] = 3", ex.Message);
        var lenient = new OneHotEncoder { IgnoreUnknown = true, DropFirst = true };
        lenient.Fit(x);
        var z = lenient.Transform(new double[,] { { 3, 20 } });
        Assert.Equal([0.0, 1, 0], Enumerable.Range(0, 3).Select(j => z[0, j]));
    }

    [Theory]
    [InlineData(ImputeStrategy.Mean, 3.0)]
    [InlineData(ImputeStrategy.Median, 2.0)]
    [InlineData(ImputeStrategy.MostFrequent, 2.0)]
    [InlineData(ImputeStrategy.Constant, -1.0)]
    public void SimpleImputerFillsNaN(ImputeStrategy strategy, double expected)
    {
        var x = new double[,] { { 2 }, { double.NaN }, { 2 }, { 6 }, { 1 }, { 7 } };
        var imp = new SimpleImputer { Strategy = strategy, FillValue = -1 };
        var t = imp.FitTransform(x);
        Assert.Equal(strategy == ImputeStrategy.Mean ? 3.6 : expected, t[1, 0], 12);
        Assert.Throws<ArgumentException>(() => imp.Transform(new double[,] { { double.PositiveInfinity } }));
    }

    [Fact]
    public void PipelineFitsTransformersOnTrainingDataAndExposesStepParameters()
    {
        var x = TestData.Blobs(20, [(0, 0), (30, 30)], 3, 1, out var y);
        var pipe = new Pipeline(("scale", new StandardScaler()), ("clf", new LogisticRegression()));
        pipe.Fit(x, y);
        Assert.Equal(1.0, pipe.Score(x, y));
        Assert.Equal([0.0, 1.0], pipe.Classes);
        Assert.Equal(1.0, pipe.GetParams()["clf__C"]);
        pipe.SetParams(new Dictionary<string, object?> { ["clf__C"] = 0.5 });
        Assert.Equal(0.5, ((LogisticRegression)pipe["clf"]).C);
        var clone = (Pipeline)pipe.Clone();
        Assert.False(clone.IsFitted);
        Assert.NotSame(pipe["clf"], clone["clf"]);
        Assert.Equal(0.5, ((LogisticRegression)clone["clf"]).C);
        Assert.Throws<ArgumentException>(() => new Pipeline(("svc", new Svc()), ("scale", new StandardScaler())));
        Assert.Throws<ArgumentException>(() => pipe.SetParams(new Dictionary<string, object?> { ["C"] = 1.0 }));
    }
}
