namespace DlPath.Course.Review.Generators;

/// <summary>All numeric-card generators, by id.</summary>
public static class GeneratorRegistry
{
    private static readonly Dictionary<string, INumericGenerator> s_byId = new INumericGenerator[]
    {
        new Eigenvalue2x2Generator(),
        new Determinant3x3Generator(),
        new QuadraticFormGradientGenerator(),
        new LeastSquaresGradientGenerator(),
        new BayesPosteriorGenerator(),
        new ExpectationVarianceGenerator(),
        new GradientDescentStepGenerator(),
        new PrecisionRecallGenerator(),
        new GiniSplitGenerator(),
        new LinearFitGenerator(),
        new Conv2dOutputShapeGenerator(),
        new Conv2dParameterCountGenerator(),
        new MlpParameterCountGenerator(),
        new SoftmaxCrossEntropyGradientGenerator(),
    }.ToDictionary(g => g.Id, StringComparer.Ordinal);

    /// <summary>Every generator.</summary>
    public static IReadOnlyCollection<INumericGenerator> All => s_byId.Values;

    /// <summary>The generator with this id, or null.</summary>
    public static INumericGenerator? Find(string id) => s_byId.GetValueOrDefault(id);

    /// <summary>The generator with this id.</summary>
    /// <exception cref="KeyNotFoundException">Unknown id; the message lists the known ones.</exception>
    public static INumericGenerator Get(string id) => Find(id)
        ?? throw new KeyNotFoundException($"no numeric generator '{id}'; known: {string.Join(", ", s_byId.Keys.Order())}.");
}
