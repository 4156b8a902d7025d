using DlPath.Learn;
using DlPath.Learn.Ensemble;
using DlPath.Learn.Linear;
using DlPath.Learn.Neighbors;
using DlPath.Learn.Preprocessing;
using DlPath.Learn.Svm;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// The seven models the project compares, with the settings chosen for these ~900 rows. Distance- and
/// gradient-based models get a <see cref="StandardScaler"/> in a pipeline, so the scaler is fitted on each
/// training fold only; trees split on raw values and need none.
/// </summary>
public static class TitanicModels
{
    /// <summary>The name of the soft-voting ensemble in the table.</summary>
    public const string EnsembleName = "soft voting (LR + RF + GB + MLP)";

    /// <summary>The six single models, unfitted, in table order; <paramref name="seed"/> fixes every random choice.</summary>
    public static IReadOnlyList<(string Name, IClassifier Estimator)> Singles(int seed) =>
    [
        ("logistic regression", Scaled(new LogisticRegression { C = 0.5, MaxIter = 500 })),
        ("k-NN (k = 15)", Scaled(new KNeighborsClassifier { NNeighbors = 15 })),
        ("SVM (RBF kernel)", Scaled(new Svc { C = 1.0 })),
        ("random forest", new RandomForestClassifier { NEstimators = 200, MaxDepth = 7, MinSamplesLeaf = 2, RandomState = seed }),
        ("gradient boosting", new GradientBoostingClassifier { NEstimators = 150, LearningRate = 0.05, MaxDepth = 3, RandomState = seed }),
        ("MLP (DlPath.NN)", Scaled(new NnMlpClassifier { RandomState = seed })),
    ];

    /// <summary>The names of the single models that vote in the ensemble (they give probabilities; the SVM does not).</summary>
    public static IReadOnlyList<string> EnsembleMembers { get; } = ["logistic regression", "random forest", "gradient boosting", "MLP (DlPath.NN)"];

    /// <summary>The soft-voting ensemble of <see cref="EnsembleMembers"/>, unfitted.</summary>
    public static SoftVotingClassifier Ensemble(int seed) =>
        new([.. Singles(seed).Where(m => EnsembleMembers.Contains(m.Name))]);

    private static Pipeline Scaled(IEstimator model) => new(("scale", new StandardScaler()), ("model", model));
}
