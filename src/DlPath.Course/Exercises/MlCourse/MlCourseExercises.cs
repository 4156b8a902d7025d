namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The ML course's programming exercises by name, for front ends (<c>dlpath course ml exN [--data DIR] [--plots DIR] [--json]</c>):
/// each returns its result record (serialise it with <see cref="ExerciseJson"/>).
/// </summary>
public static class MlCourseExercises
{
    /// <summary>The exercise names with a one-line description.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        ["ex1"] = "linear regression: one variable (food truck profits) and several (house prices), gradient descent and normal equation",
        ["ex2"] = "logistic regression: exam admissions; regularised with polynomial features: microchip tests",
        ["ex3"] = "multi-class classification: one-vs-all logistic regression and a given network on handwritten digits",
        ["ex4"] = "neural network learning: backpropagation, gradient checking and training on handwritten digits",
        ["ex5"] = "regularised linear regression and bias/variance: learning curves, polynomial features, validation curve",
        ["ex6"] = "support vector machines: linear and Gaussian kernels, C and sigma selection, a spam classifier",
        ["ex7"] = "k-means clustering (image compression) and principal component analysis (faces)",
        ["ex8"] = "anomaly detection and a movie recommender by collaborative filtering",
    };

    /// <summary>Runs an exercise by name (<c>ex1</c> … <c>ex8</c>).</summary>
    /// <exception cref="ArgumentException">The name is not one of the eight.</exception>
    public static object Run(string name, ExerciseOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "ex1" => Ex1LinearRegression.Run(options),
            "ex2" => Ex2LogisticRegression.Run(options),
            "ex3" => Ex3MultiClass.Run(options),
            "ex4" => Ex4NeuralNetwork.Run(options),
            "ex5" => Ex5BiasVariance.Run(options),
            "ex6" => Ex6Svm.Run(options),
            "ex7" => Ex7KMeansPca.Run(options),
            "ex8" => Ex8AnomalyRecommender.Run(options),
            _ => throw new ArgumentException($"unknown ML course exercise '{name}'; the exercises are {string.Join(", ", Descriptions.Keys)}", nameof(name)),
        };
    }
}
