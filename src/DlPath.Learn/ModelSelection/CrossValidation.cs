using System.Diagnostics;

namespace DlPath.Learn.ModelSelection;

/// <summary>Splitting and cross-validation helpers (scikit-learn's <c>train_test_split</c>, <c>cross_val_score</c>, <c>cross_validate</c>).</summary>
public static class CrossValidation
{
    /// <summary>
    /// Shuffles and splits into train and test sets; the test set has ⌈testSize · n⌉ samples. With
    /// <paramref name="stratify"/> each class is split in proportion.
    /// </summary>
    public static (double[,] XTrain, double[,] XTest, double[] YTrain, double[] YTest) TrainTestSplit(double[,] x, double[] y, double testSize = 0.25, int? randomState = null, bool stratify = false)
    {
        Check.Xy("TrainTestSplit", x, y);
        if (!(testSize > 0 && testSize < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testSize), testSize, "TrainTestSplit: testSize must be in (0, 1)");
        }
        int n = y.Length;
        int nTest = (int)Math.Ceiling(testSize * n);
        if (nTest >= n)
        {
            throw new ArgumentException($"TrainTestSplit: a test size of {testSize} leaves no training samples out of {n}");
        }
        var rng = randomState is int s ? new Random(s) : new Random();
        int[] test;
        if (stratify)
        {
            var t = new List<int>();
            foreach (var group in Enumerable.Range(0, n).GroupBy(i => y[i]))
            {
                var members = group.ToArray();
                rng.Shuffle(members);
                t.AddRange(members.Take((int)Math.Round(testSize * members.Length)));
            }
            test = [.. t];
        }
        else
        {
            var order = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(order);
            test = order[..nTest];
        }
        var inTest = new HashSet<int>(test);
        var train = Enumerable.Range(0, n).Where(i => !inTest.Contains(i)).ToArray();
        if (!stratify)
        {
            rng.Shuffle(train);
        }
        return (LinAlg.TakeRows(x, train), LinAlg.TakeRows(x, test), LinAlg.Take(y, train), LinAlg.Take(y, test));
    }

    /// <summary>True when the estimator (or a pipeline's last step) is a classifier.</summary>
    public static bool IsClassifier(IEstimator estimator) => estimator switch
    {
        Preprocessing.Pipeline p => p.Steps[^1].Step is IClassifier,
        GridSearchCV g => g.Estimator != null && IsClassifier(g.Estimator),
        _ => estimator is IClassifier,
    };

    /// <summary>scikit-learn's default splitter for an integer cv: stratified for classifiers, plain k-fold otherwise.</summary>
    public static ICrossValidator DefaultSplitter(IEstimator estimator, int folds = 5) =>
        IsClassifier(estimator) ? new StratifiedKFold(folds) : new KFold(folds);

    /// <summary>
    /// Fits a fresh clone of <paramref name="estimator"/> on each training fold and scores it on the test fold
    /// (<c>Score</c>, or <paramref name="scoring"/>(fitted, X_test, y_test)).
    /// </summary>
    public static double[] CrossValScore(IPredictor estimator, double[,] x, double[] y, ICrossValidator? cv = null, Func<IPredictor, double[,], double[], double>? scoring = null) =>
        CrossValidate(estimator, x, y, cv, scoring).TestScores;

    /// <summary>Like <see cref="CrossValScore"/> and also returns fit times and training scores.</summary>
    public static CrossValidationResult CrossValidate(IPredictor estimator, double[,] x, double[] y, ICrossValidator? cv = null, Func<IPredictor, double[,], double[], double>? scoring = null, bool returnTrainScore = false)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Check.Xy("CrossValScore", x, y);
        cv ??= DefaultSplitter(estimator);
        scoring ??= (e, xs, ys) => e.Score(xs, ys);
        var test = new List<double>();
        var train = new List<double>();
        var times = new List<double>();
        foreach (var (trainIdx, testIdx) in cv.Split(y.Length, y))
        {
            var model = (IPredictor)estimator.Clone();
            var xTrain = LinAlg.TakeRows(x, trainIdx);
            var yTrain = LinAlg.Take(y, trainIdx);
            var watch = Stopwatch.StartNew();
            model.Fit(xTrain, yTrain);
            times.Add(watch.Elapsed.TotalSeconds);
            test.Add(scoring(model, LinAlg.TakeRows(x, testIdx), LinAlg.Take(y, testIdx)));
            if (returnTrainScore)
            {
                train.Add(scoring(model, xTrain, yTrain));
            }
        }
        return new CrossValidationResult([.. test], [.. train], [.. times]);
    }
}
