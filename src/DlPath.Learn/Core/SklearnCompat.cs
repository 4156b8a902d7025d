using System.Text;
using DlPath.Learn.Anomaly;
using DlPath.Learn.Cluster;
using DlPath.Learn.Decomposition;
using DlPath.Learn.Ensemble;
using DlPath.Learn.Linear;
using DlPath.Learn.NaiveBayes;
using DlPath.Learn.Neighbors;
using DlPath.Learn.NeuralNetwork;
using DlPath.Learn.Preprocessing;
using DlPath.Learn.Svm;
using DlPath.Learn.Trees;

namespace DlPath.Learn;

/// <summary>
/// Builds DlPath.Learn estimators from scikit-learn class names and keyword arguments
/// (<c>("SVC", {"C": 1.0, "kernel": "rbf"})</c> → <c>new Svc { C = 1, Kernel = KernelType.Rbf }</c>): the Rosetta
/// table in code, used by the parity tests and the side-by-side benchmark.
/// </summary>
public static class SklearnCompat
{
    private static readonly Dictionary<string, Func<IEstimator>> Factories = new(StringComparer.Ordinal)
    {
        ["LinearRegression"] = () => new LinearRegression(),
        ["Ridge"] = () => new Ridge(),
        ["LogisticRegression"] = () => new LogisticRegression(),
        ["KNeighborsClassifier"] = () => new KNeighborsClassifier(),
        ["KNeighborsRegressor"] = () => new KNeighborsRegressor(),
        ["GaussianNB"] = () => new GaussianNB(),
        ["SVC"] = () => new Svc(),
        ["DecisionTreeClassifier"] = () => new DecisionTreeClassifier(),
        ["DecisionTreeRegressor"] = () => new DecisionTreeRegressor(),
        ["RandomForestClassifier"] = () => new RandomForestClassifier(),
        ["RandomForestRegressor"] = () => new RandomForestRegressor(),
        ["GradientBoostingClassifier"] = () => new GradientBoostingClassifier(),
        ["GradientBoostingRegressor"] = () => new GradientBoostingRegressor(),
        ["MLPClassifier"] = () => new MlpClassifier(),
        ["KMeans"] = () => new KMeans(),
        ["PCA"] = () => new Pca(),
        ["StandardScaler"] = () => new StandardScaler(),
        ["MinMaxScaler"] = () => new MinMaxScaler(),
        ["PolynomialFeatures"] = () => new PolynomialFeatures(),
        ["OneHotEncoder"] = () => new OneHotEncoder(),
        ["SimpleImputer"] = () => new SimpleImputer(),
        ["GaussianAnomalyDetector"] = () => new GaussianAnomalyDetector(),
    };

    /// <summary>The scikit-learn class names <see cref="Create"/> knows.</summary>
    public static IReadOnlyCollection<string> ClassNames => Factories.Keys;

    /// <summary>
    /// A new estimator for a scikit-learn class name with scikit-learn keyword arguments: names are converted from
    /// snake_case (<c>n_neighbors</c> → <c>NNeighbors</c>), string options to enum members (<c>"squared_error"</c> →
    /// <c>SquaredError</c>, <c>"k-means++"</c> → <c>KMeansPlusPlus</c>), <c>gamma="scale"</c> to null.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown class or parameter.</exception>
    public static IEstimator Create(string sklearnClass, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(sklearnClass);
        if (!Factories.TryGetValue(sklearnClass, out var factory))
        {
            throw new ArgumentException($"SklearnCompat: no DlPath.Learn estimator for scikit-learn's '{sklearnClass}'; known: {string.Join(", ", Factories.Keys.Order())}", nameof(sklearnClass));
        }
        var estimator = factory();
        if (parameters != null)
        {
            var converted = new Dictionary<string, object?>();
            foreach (var (name, value) in parameters)
            {
                converted[PascalCase(name)] = ConvertValue(name, value);
            }
            estimator.SetParams(converted);
        }
        return estimator;
    }

    /// <summary><c>n_neighbors</c> → <c>NNeighbors</c>, <c>C</c> → <c>C</c>.</summary>
    public static string PascalCase(string snake)
    {
        ArgumentNullException.ThrowIfNull(snake);
        var sb = new StringBuilder(snake.Length);
        foreach (var part in snake.Split('_', '-'))
        {
            if (part.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
            }
        }
        return sb.ToString();
    }

    private static object? ConvertValue(string name, object? value) => value switch
    {
        string s when name == "gamma" && (s == "scale") => null,
        string s when s == "k-means++" => KMeansInit.KMeansPlusPlus,
        string s when s == "sqrt" || s == "log2" => Enum.Parse<MaxFeatures>(PascalCase(s)),
        string s => PascalCase(s),
        IEnumerable<int> ints => ints.ToArray(),
        IEnumerable<long> longs => longs.Select(v => checked((int)v)).ToArray(),
        IEnumerable<double> doubles when name == "hidden_layer_sizes" => doubles.Select(v => (int)v).ToArray(),
        _ => value,
    };
}
