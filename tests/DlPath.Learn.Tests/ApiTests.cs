using DlPath.Learn.Cluster;
using DlPath.Learn.Linear;
using DlPath.Learn.Neighbors;
using DlPath.Learn.Svm;
using DlPath.Learn.Trees;
using DlPath.Tensors;

namespace DlPath.Learn.Tests;

public sealed class ApiTests
{
    [Fact]
    public void WrongRowCountsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(new double[3, 2], [1, 2, 3, 4]));
        Assert.Equal("LinearRegression.Fit: X has 3 rows but y has 4", e.Message);
    }

    [Fact]
    public void WrongFeatureCountsAndUnfittedModelsAreExplained()
    {
        var m = new LogisticRegression();
        var ex = Assert.Throws<NotFittedException>(() => m.Predict(new double[1, 2]));
        Assert.Contains("not fitted", ex.Message);
        m.Fit(new double[,] { { 0, 0 }, { 1, 1 }, { 0, 1 }, { 1, 0 } }, [0, 1, 1, 0]);
        var e = Assert.Throws<ArgumentException>(() => m.Predict(new double[1, 3]));
        Assert.Contains("X has 3 features but the estimator was fitted with 2", e.Message);
        Assert.Throws<NotFittedException>(() => new KMeans().Transform(new double[1, 1]));
    }

    [Fact]
    public void NonFiniteInputAndSingleClassAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Svc().Fit(new double[,] { { 1 }, { double.NaN } }, [0, 1]));
        Assert.Contains("X[1, 0] is NaN", e.Message);
        var one = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(new double[,] { { 1 }, { 2 } }, [1, 1]));
        Assert.Contains("1 distinct class", one.Message);
    }

    [Fact]
    public void BadHyperParametersAreNamed()
    {
        var x = new double[,] { { 0 }, { 1 } };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { C = 0 }.Fit(x, [0, 1]));
        Assert.Contains("C must be a positive number", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsClassifier { NNeighbors = 0 }.Fit(x, [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTreeClassifier { MaxDepth = 0 }.Fit(x, [0, 1]));
        var unknown = Assert.Throws<ArgumentException>(() => new Svc().SetParams(new Dictionary<string, object?> { ["Cc"] = 1.0 }));
        Assert.Contains("unknown hyper-parameter 'Cc'", unknown.Message);
    }

    [Fact]
    public void ParamsRoundTripAndCloneIsUnfittedWithTheSameParams()
    {
        var svc = new Svc { C = 3, Kernel = KernelType.Poly, Degree = 2 };
        var p = svc.GetParams();
        Assert.Equal(3.0, p["C"]);
        Assert.Equal(KernelType.Poly, p["Kernel"]);
        svc.Fit(new double[,] { { 0 }, { 1 } }, [0, 1]);
        var clone = (Svc)svc.Clone();
        Assert.False(clone.IsFitted);
        Assert.Equal(p, clone.GetParams());
        clone.SetParams(new Dictionary<string, object?> { ["Degree"] = 4.0, ["Kernel"] = "rbf", ["Gamma"] = 0.5 });
        Assert.Equal(4, clone.Degree);
        Assert.Equal(KernelType.Rbf, clone.Kernel);
        Assert.Equal("Svc(C=3, Coef0=0, Degree=2, Gamma=null, Kernel=Poly, MaxIter=10000000, Tol=0.001)", svc.ToString());
    }

    [Fact]
    public void SklearnNamesMapToEstimators()
    {
        var knn = (KNeighborsClassifier)SklearnCompat.Create("KNeighborsClassifier", new Dictionary<string, object?> { ["n_neighbors"] = 7L, ["weights"] = "distance" });
        Assert.Equal(7, knn.NNeighbors);
        Assert.Equal(NeighborWeights.Distance, knn.Weights);
        var tree = (DecisionTreeRegressor)SklearnCompat.Create("DecisionTreeRegressor", new Dictionary<string, object?> { ["max_depth"] = 3L });
        Assert.Equal(3, tree.MaxDepth);
        var svc = (Svc)SklearnCompat.Create("SVC", new Dictionary<string, object?> { ["gamma"] = "scale", ["kernel"] = "linear" });
        Assert.Null(svc.Gamma);
        Assert.Throws<ArgumentException>(() => SklearnCompat.Create("Lasso"));
    }

    [Fact]
    public void TensorAndIntegerLabelOverloads()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 5, 5 }, { 5, 6 } });
        var y = Tensor.FromArray(new long[] { 0, 0, 1, 1 }, 4);
        var model = new KNeighborsClassifier { NNeighbors = 1 };
        model.Fit(x, y);
        var predicted = model.Predict(x);
        Assert.Equal(DType.Float64, predicted.DType);
        Assert.Equal([0.0, 0, 1, 1], predicted.ToArray<double>());
        Assert.Equal(1.0, model.Score(x, y));
        Assert.Equal([4, 2], model.PredictProba(x).ShapeArray());
        var ints = new KNeighborsClassifier { NNeighbors = 1 };
        ints.Fit(new double[,] { { 0 }, { 9 } }, new[] { 3, 7 });
        Assert.Equal([7], ints.PredictLabels(new double[,] { { 8 } }));
        var e = Assert.Throws<ShapeException>(() => model.Predict(Tensor.Zeros(2, 2, 2)));
        Assert.Contains("[n_samples, n_features]", e.Message);
    }
}
