using DlPath.Learn.Linear;
using DlPath.Learn.ModelSelection;
using DlPath.Learn.Neighbors;
using DlPath.Learn.Preprocessing;

namespace DlPath.Learn.Tests;

public sealed class ModelSelectionTests
{
    [Fact]
    public void KFoldMatchesScikitLearnsFoldSizes()
    {
        var folds = new KFold(4).Split(10).Select(f => f.Test).ToArray();
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]], folds);
        Assert.All(new KFold(4).Split(10), f => Assert.Equal(10, f.Train.Length + f.Test.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(1));
    }

    [Fact]
    public void StratifiedKFoldMatchesScikitLearn()
    {
        double[] y = [2, 0, 0, 1, 0, 0, 1, 1, 1, 1, 2, 1, 2, 0, 1];
        var folds = new StratifiedKFold(3).Split(y.Length, y).Select(f => f.Test).ToArray();
        // sklearn.model_selection.StratifiedKFold(3).split(X, y) on the same labels.
        Assert.Equal([[0, 1, 2, 3, 6], [4, 5, 7, 8, 10], [9, 11, 12, 13, 14]], folds);
        var shuffled = new StratifiedKFold(3, shuffle: true, randomState: 1).Split(y.Length, y).ToArray();
        Assert.Equal(Enumerable.Range(0, 15), shuffled.SelectMany(f => f.Test).Order());
    }

    [Fact]
    public void TrainTestSplitSizesAndDisjointness()
    {
        var x = new double[10, 1];
        var y = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        for (int i = 0; i < 10; i++)
        {
            x[i, 0] = i;
        }
        var (xTr, xTe, yTr, yTe) = CrossValidation.TrainTestSplit(x, y, 0.25, randomState: 0);
        Assert.Equal(3, yTe.Length);
        Assert.Equal(7, yTr.Length);
        Assert.Empty(yTr.Intersect(yTe));
        Assert.Equal(yTe[0], xTe[0, 0]);
        Assert.Equal(yTr[0], xTr[0, 0]);
    }

    [Fact]
    public void CrossValScoreUsesFreshClonesPerFold()
    {
        var x = TestData.Blobs(25, [(0, 0), (3, 3)], 1, 5, out var y);
        var model = new KNeighborsClassifier();
        var scores = CrossValidation.CrossValScore(model, x, y);
        Assert.Equal(5, scores.Length);
        Assert.False(model.IsFitted);
        Assert.All(scores, s => Assert.InRange(s, 0.8, 1.0));
    }

    [Fact]
    public void GridSearchPicksTheBestNeighbourCountAndRefits()
    {
        // Noisy labels: k = 1 over-fits; a larger k generalises better.
        var x = TestData.Blobs(60, [(0, 0), (1.2, 0)], 0.8, 11, out var y);
        var search = new GridSearchCV
        {
            Estimator = new Pipeline(("scale", new StandardScaler()), ("knn", new KNeighborsClassifier())),
            ParamGrid = new Dictionary<string, object?[]> { ["knn__NNeighbors"] = [1, 15] },
        };
        search.Fit(x, y);
        Assert.Equal(2, search.CvResults.Count);
        Assert.Equal(15, search.BestParams["knn__NNeighbors"]);
        Assert.Equal(search.CvResults.Max(r => r.Mean), search.BestScore);
        Assert.NotNull(search.BestEstimator);
        Assert.Equal(search.BestEstimator!.Predict(x), search.Predict(x));
    }

    [Fact]
    public void LearningAndValidationCurvesShowBiasAndVariance()
    {
        var mat = TestData.Mat("ex5/ex5data1.mat");
        var x = mat.GetMatrix("X");
        var y = mat.GetNumeric("y").ToVector();
        var xval = mat.GetMatrix("Xval");
        var yval = mat.GetNumeric("yval").ToVector();
        // ex5: linear regression (λ = 0) under-fits: with 12 examples J_train 22.37 and J_cv 29.43.
        var (_, train, val) = Curves.LearningCurve(new Ridge { Alpha = 0 }, x, y, xval, yval);
        Assert.Equal(12, train.Length);
        Assert.Equal(0, train[0], 6);
        Assert.Equal(22.373906, train[^1], 4);
        Assert.Equal(29.433818, val[^1], 4);
        var (_, vTrain, vVal) = Curves.ValidationCurve(new Ridge(), "Alpha", [0.0, 1.0, 100.0], x, y, xval, yval);
        Assert.True(vTrain[0] <= vTrain[2]);
        Assert.Equal(3, vVal.Length);
    }
}
