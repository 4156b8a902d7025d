namespace DlPath.Learn.Metrics;

/// <summary>
/// Classification metrics with scikit-learn's definitions: accuracy, precision / recall / F1 (binary, macro,
/// weighted, micro), confusion matrix, ROC AUC and log loss. Labels are doubles (as NumPy arrays would be).
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Fraction of exact matches.</summary>
    public static double Accuracy(double[] yTrue, double[] yPred)
    {
        RegressionMetrics.Same("Accuracy", yTrue, yPred);
        int ok = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            ok += yTrue[i] == yPred[i] ? 1 : 0;
        }
        return (double)ok / yTrue.Length;
    }

    /// <summary>
    /// Counts C[i, j] of samples of class <c>labels[i]</c> predicted as <c>labels[j]</c> (rows: truth, columns: prediction);
    /// <paramref name="labels"/> defaults to the sorted union of both label sets.
    /// </summary>
    public static int[,] ConfusionMatrix(double[] yTrue, double[] yPred, double[]? labels = null)
    {
        RegressionMetrics.Same("ConfusionMatrix", yTrue, yPred);
        labels ??= yTrue.Concat(yPred).Distinct().Order().ToArray();
        var index = new Dictionary<double, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            index[labels[i]] = i;
        }
        var c = new int[labels.Length, labels.Length];
        for (int s = 0; s < yTrue.Length; s++)
        {
            if (index.TryGetValue(yTrue[s], out int t) && index.TryGetValue(yPred[s], out int p))
            {
                c[t, p]++;
            }
        }
        return c;
    }

    /// <summary>Precision tp / (tp + fp); 0 where nothing was predicted positive (scikit-learn's zero_division=0, without the warning).</summary>
    public static double Precision(double[] yTrue, double[] yPred, Average average = Average.Binary, double positiveLabel = 1) =>
        PrecisionRecallF1(yTrue, yPred, average, positiveLabel).Precision;

    /// <summary>Recall tp / (tp + fn).</summary>
    public static double Recall(double[] yTrue, double[] yPred, Average average = Average.Binary, double positiveLabel = 1) =>
        PrecisionRecallF1(yTrue, yPred, average, positiveLabel).Recall;

    /// <summary>F1 = 2 P R / (P + R).</summary>
    public static double F1(double[] yTrue, double[] yPred, Average average = Average.Binary, double positiveLabel = 1) =>
        PrecisionRecallF1(yTrue, yPred, average, positiveLabel).F1;

    /// <summary>Precision, recall and F1 together.</summary>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(double[] yTrue, double[] yPred, Average average = Average.Binary, double positiveLabel = 1)
    {
        RegressionMetrics.Same("PrecisionRecallF1", yTrue, yPred);
        var labels = yTrue.Concat(yPred).Distinct().Order().ToArray();
        if (average == Average.Binary)
        {
            if (labels.Length > 2)
            {
                throw new ArgumentException($"PrecisionRecallF1: average=Binary needs two classes but the labels are {string.Join(", ", labels)}; use Macro, Weighted or Micro");
            }
            var (tp, fp, fn) = Counts(yTrue, yPred, positiveLabel);
            return Combine(tp, fp, fn);
        }
        if (average == Average.Micro)
        {
            long tp = 0, fp = 0, fn = 0;
            foreach (var l in labels)
            {
                var c = Counts(yTrue, yPred, l);
                tp += c.Tp;
                fp += c.Fp;
                fn += c.Fn;
            }
            return Combine(tp, fp, fn);
        }
        double p = 0, r = 0, f = 0, weightSum = 0;
        foreach (var l in labels)
        {
            var (tp, fp, fn) = Counts(yTrue, yPred, l);
            var (pl, rl, fl) = Combine(tp, fp, fn);
            double w = average == Average.Weighted ? tp + fn : 1;
            p += w * pl;
            r += w * rl;
            f += w * fl;
            weightSum += w;
        }
        return weightSum == 0 ? (0, 0, 0) : (p / weightSum, r / weightSum, f / weightSum);
    }

    private static (long Tp, long Fp, long Fn) Counts(double[] yTrue, double[] yPred, double label)
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            bool t = yTrue[i] == label, p = yPred[i] == label;
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }
        return (tp, fp, fn);
    }

    private static (double, double, double) Combine(long tp, long fp, long fn)
    {
        double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return (p, r, f);
    }

    /// <summary>
    /// Area under the ROC curve for binary labels (positive = the larger label) and scores, by the rank
    /// statistic with ties counted half (equal to scikit-learn's trapezoidal <c>roc_auc_score</c>).
    /// </summary>
    public static double RocAuc(double[] yTrue, double[] score)
    {
        RegressionMetrics.Same("RocAuc", yTrue, score);
        var labels = yTrue.Distinct().Order().ToArray();
        if (labels.Length != 2)
        {
            throw new ArgumentException($"RocAuc: needs exactly two classes in y_true, found {labels.Length}");
        }
        var order = Enumerable.Range(0, score.Length).OrderBy(i => score[i]).ToArray();
        var rank = new double[score.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[i]])
            {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;   // average rank of a tie group
            for (int k = i; k <= j; k++)
            {
                rank[order[k]] = avg;
            }
            i = j + 1;
        }
        double pos = 0, rankSum = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            if (yTrue[i] == labels[1])
            {
                pos++;
                rankSum += rank[i];
            }
        }
        double neg = yTrue.Length - pos;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }

    /// <summary>
    /// Mean negative log-likelihood of the true class; <paramref name="proba"/> is <c>[n, K]</c> with one column per
    /// label of <paramref name="yTrue"/>, in sorted order (as a classifier's <c>PredictProba</c> gives them when it was
    /// trained on the same labels); probabilities are clipped to [1e-15, 1 − 1e-15] and rows renormalised as scikit-learn does.
    /// </summary>
    public static double LogLoss(double[] yTrue, double[,] proba)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(proba);
        if (proba.GetLength(0) != yTrue.Length)
        {
            throw new ArgumentException($"LogLoss: y_true has {yTrue.Length} values but the probabilities have {proba.GetLength(0)} rows");
        }
        var (classes, index) = LabelIndex.Encode(yTrue);
        int k = proba.GetLength(1);
        if (classes.Length != k)
        {
            throw new ArgumentException($"LogLoss: y_true has {classes.Length} distinct labels but the probabilities have {k} columns; each column must be one of y_true's labels, in sorted order");
        }
        double s = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double rowSum = 0;
            for (int c = 0; c < k; c++)
            {
                rowSum += Math.Clamp(proba[i, c], 1e-15, 1 - 1e-15);
            }
            double p = Math.Clamp(proba[i, index[i]], 1e-15, 1 - 1e-15) / rowSum;
            s -= Math.Log(p);
        }
        return s / yTrue.Length;
    }

    /// <summary>Binary log loss from the probability of the positive class (the larger label).</summary>
    public static double LogLoss(double[] yTrue, double[] positiveProba)
    {
        ArgumentNullException.ThrowIfNull(positiveProba);
        var p = new double[positiveProba.Length, 2];
        for (int i = 0; i < positiveProba.Length; i++)
        {
            p[i, 1] = positiveProba[i];
            p[i, 0] = 1 - positiveProba[i];
        }
        return LogLoss(yTrue, p);
    }
}
