using DlPath.Learn.Trees;

namespace DlPath.Learn.Ensemble;

/// <summary>
/// Gradient boosting with the log-loss (scikit-learn's <c>GradientBoostingClassifier</c>). Raw scores F start at
/// the log-odds (two classes) or log-priors (K classes); each stage fits one regression tree per score to the
/// negative gradient y − p and replaces each leaf's value by a Newton step,
/// <c>Σ r / Σ p(1 − p)</c> (two classes) or <c>(K−1)/K · Σ r / Σ |r|(1 − |r|)</c> (K classes, Friedman's
/// multinomial), before adding it scaled by the learning rate.
/// </summary>
public sealed class GradientBoostingClassifier : Classifier
{
    /// <summary>Number of boosting stages. Default 100.</summary>
    [HyperParameter]
    public int NEstimators { get; set; } = 100;

    /// <summary>Shrinkage ν. Default 0.1.</summary>
    [HyperParameter]
    public double LearningRate { get; set; } = 0.1;

    /// <summary>Depth of each tree. Default 3.</summary>
    [HyperParameter]
    public int MaxDepth { get; set; } = 3;

    /// <summary>Minimum samples per leaf. Default 1.</summary>
    [HyperParameter]
    public int MinSamplesLeaf { get; set; } = 1;

    /// <summary>Fraction of samples per stage. Default 1.</summary>
    [HyperParameter]
    public double Subsample { get; set; } = 1.0;

    /// <summary>Seed (null: fresh).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>Initial raw score per model (one for two classes, K otherwise).</summary>
    public double[] Init { get; private set; } = [];

    /// <summary>The trees: <c>[stage][model]</c>.</summary>
    public IReadOnlyList<TreeModel[]> Estimators { get; private set; } = [];

    /// <summary>Training log-loss after each stage.</summary>
    public IReadOnlyList<double> TrainScore { get; private set; } = [];

    /// <inheritdoc />
    protected override void FitCore(double[,] x, int[] y, int classCount)
    {
        Boosting.Validate(Name, NEstimators, LearningRate, MaxDepth, Subsample);
        var rng = RandomState is int s ? new Random(s) : new Random();
        var (columns, presorted) = TreeBuilder.Prepare(x);
        var rows = LinAlg.Rows(x);
        int n = y.Length;
        int models = classCount == 2 ? 1 : classCount;
        var prior = new double[classCount];
        foreach (var v in y)
        {
            prior[v] += 1.0 / n;
        }
        Init = models == 1 ? [Math.Log(prior[1] / prior[0])] : prior.Select(v => Math.Log(v)).ToArray();
        var f = new double[n, models];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < models; k++)
            {
                f[i, k] = Init[k];
            }
        }
        var stages = new List<TreeModel[]>();
        var scores = new List<double>();
        var residual = new double[n];
        for (int stage = 0; stage < NEstimators; stage++)
        {
            var p = Probabilities(f, models, classCount);
            var weight = Boosting.SubsampleWeights(n, Subsample, rng);
            var trees = new TreeModel[models];
            for (int k = 0; k < models; k++)
            {
                int positive = models == 1 ? 1 : k;
                for (int i = 0; i < n; i++)
                {
                    residual[i] = (y[i] == positive ? 1 : 0) - p[i, positive];
                }
                var tree = new DecisionTreeRegressor { MaxDepth = MaxDepth, MinSamplesLeaf = MinSamplesLeaf };
                tree.FitPrepared(columns, presorted, residual, weight, new Random(rng.Next()));
                var model = tree.Tree!;
                // Newton step per leaf on the stage's samples.
                var num = new double[model.NodeCount];
                var den = new double[model.NodeCount];
                var leafOf = new int[n];
                for (int i = 0; i < n; i++)
                {
                    leafOf[i] = model.Apply(rows[i]);
                    if (weight[i] == 0)
                    {
                        continue;
                    }
                    double r = residual[i];
                    num[leafOf[i]] += r;
                    den[leafOf[i]] += models == 1 ? p[i, 1] * (1 - p[i, 1]) : Math.Abs(r) * (1 - Math.Abs(r));
                }
                double factor = models == 1 ? 1 : (classCount - 1.0) / classCount;
                for (int t = 0; t < model.NodeCount; t++)
                {
                    if (model.Feature[t] < 0)
                    {
                        model.Value[t][0] = Math.Abs(den[t]) < 1e-150 ? 0 : factor * num[t] / den[t];
                    }
                }
                for (int i = 0; i < n; i++)
                {
                    f[i, k] += LearningRate * model.Value[leafOf[i]][0];
                }
                trees[k] = model;
            }
            stages.Add(trees);
            var pNew = Probabilities(f, models, classCount);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                loss -= Math.Log(Math.Max(pNew[i, y[i]], 1e-300)) / n;
            }
            scores.Add(loss);
        }
        Estimators = stages;
        TrainScore = scores;
    }

    private static double[,] Probabilities(double[,] f, int models, int classCount)
    {
        int n = f.GetLength(0);
        var p = new double[n, classCount];
        if (models == 1)
        {
            for (int i = 0; i < n; i++)
            {
                p[i, 1] = LinAlg.Sigmoid(f[i, 0]);
                p[i, 0] = 1 - p[i, 1];
            }
            return p;
        }
        Array.Copy(f, p, f.Length);
        LinAlg.SoftmaxRows(p);
        return p;
    }

    /// <summary>The raw scores F(x), <c>[n, 1]</c> for two classes (log-odds of <c>Classes[1]</c>) or <c>[n, K]</c>.</summary>
    public double[,] DecisionFunction(double[,] x)
    {
        EnsureFitted("DecisionFunction");
        Check.Features($"{Name}.DecisionFunction", x, FeatureCount);
        var rows = LinAlg.Rows(x);
        int models = Init.Length;
        var f = new double[rows.Length, models];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < models; k++)
            {
                double v = Init[k];
                foreach (var stage in Estimators)
                {
                    v += LearningRate * stage[k].Value[stage[k].Apply(rows[i])][0];
                }
                f[i, k] = v;
            }
        }
        return f;
    }

    /// <inheritdoc />
    protected override double[,] ProbaCore(double[,] x) => Probabilities(DecisionFunction(x), Init.Length, Classes.Length);
}
