using System.Diagnostics;
using DlPath.Learn;
using DlPath.Learn.Metrics;
using DlPath.Learn.ModelSelection;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Stratified k-fold cross-validation of the Titanic models on the same folds. The soft-voting ensemble is
/// scored from its members' held-out probabilities on each fold: the members are deterministic given their
/// seeds, so this is exactly what fitting <see cref="SoftVotingClassifier"/> on the fold would give, without
/// training every member twice.
/// </summary>
public static class ModelComparison
{
    /// <summary>Cross-validates the single models and the ensemble; reports each model as it finishes.</summary>
    /// <param name="x">Features, one row per passenger.</param>
    /// <param name="y">Labels 0/1.</param>
    /// <param name="folds">Number of folds.</param>
    /// <param name="seed">Seed of the fold shuffle and of the models.</param>
    /// <param name="progress">Receives each model's score as it is known (may be null).</param>
    public static IReadOnlyList<ModelScore> Run(double[,] x, double[] y, int folds, int seed, Action<ModelScore>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var splits = new StratifiedKFold(folds, shuffle: true, randomState: seed).Split(y.Length, y).ToList();
        var singles = TitanicModels.Singles(seed);
        var scores = new List<ModelScore>();
        // Held-out probabilities of each ensemble member, per fold, for the ensemble's score.
        var memberProba = new Dictionary<string, double[][,]>();
        foreach (var (name, estimator) in singles)
        {
            var watch = Stopwatch.StartNew();
            var accuracies = new double[splits.Count];
            var proba = new double[splits.Count][,];
            bool member = TitanicModels.EnsembleMembers.Contains(name);
            for (int f = 0; f < splits.Count; f++)
            {
                var (train, test) = splits[f];
                var model = (IClassifier)estimator.Clone();
                model.Fit(TakeRows(x, train), Take(y, train));
                var xTest = TakeRows(x, test);
                var yTest = Take(y, test);
                if (member)
                {
                    proba[f] = model.PredictProba(xTest);
                    accuracies[f] = ClassificationMetrics.Accuracy(yTest, ArgMax(proba[f], model.Classes));
                }
                else
                {
                    accuracies[f] = ClassificationMetrics.Accuracy(yTest, model.Predict(xTest));
                }
            }
            if (member)
            {
                memberProba[name] = proba;
            }
            var score = new ModelScore(name, accuracies, watch.Elapsed.TotalSeconds);
            scores.Add(score);
            progress?.Invoke(score);
        }
        var ensembleAccuracies = new double[splits.Count];
        var classes = y.Distinct().Order().ToArray();
        for (int f = 0; f < splits.Count; f++)
        {
            var mean = SoftVotingClassifier.Average([.. TitanicModels.EnsembleMembers.Select(m => memberProba[m][f])]);
            ensembleAccuracies[f] = ClassificationMetrics.Accuracy(Take(y, splits[f].Test), ArgMax(mean, classes));
        }
        var seconds = scores.Where(s => TitanicModels.EnsembleMembers.Contains(s.Name)).Sum(s => s.Seconds);
        var ensemble = new ModelScore(TitanicModels.EnsembleName, ensembleAccuracies, seconds);
        scores.Add(ensemble);
        progress?.Invoke(ensemble);
        return scores;
    }

    /// <summary>A fresh, unfitted model by its table name.</summary>
    public static IClassifier Create(string name, int seed) =>
        name == TitanicModels.EnsembleName
            ? TitanicModels.Ensemble(seed)
            : TitanicModels.Singles(seed).FirstOrDefault(m => m.Name == name).Estimator
              ?? throw new ArgumentException($"no Titanic model is called '{name}'", nameof(name));

    /// <summary>The label of the most probable class of each row (the first on a tie, as numpy's argmax).</summary>
    internal static double[] ArgMax(double[,] proba, double[] classes)
    {
        var result = new double[proba.GetLength(0)];
        for (int i = 0; i < result.Length; i++)
        {
            int best = 0;
            for (int j = 1; j < proba.GetLength(1); j++)
            {
                if (proba[i, j] > proba[i, best])
                {
                    best = j;
                }
            }
            result[i] = classes[best];
        }
        return result;
    }

    internal static double[,] TakeRows(double[,] x, int[] rows)
    {
        int d = x.GetLength(1);
        var result = new double[rows.Length, d];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < d; j++)
            {
                result[i, j] = x[rows[i], j];
            }
        }
        return result;
    }

    internal static double[] Take(double[] y, int[] rows) => rows.Select(r => y[r]).ToArray();
}
