namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex5.m prints (regularised linear regression, bias and variance).</summary>
public sealed record Ex5Result
{
    /// <summary>Cost at θ = (1, 1), λ = 1 (expected 303.993192).</summary>
    public required double CostAtOnes { get; init; }

    /// <summary>Gradient at θ = (1, 1), λ = 1 (expected −15.303016, 598.250744).</summary>
    public required double[] GradientAtOnes { get; init; }

    /// <summary>θ of the straight-line fit at λ = 0.</summary>
    public required double[] LinearTheta { get; init; }

    /// <summary>Learning curve of the straight line (λ = 0): training error on the first i examples, i = 1..12.</summary>
    public required double[] LearningCurveTrainError { get; init; }

    /// <summary>Learning curve: cross-validation error for each training-set size.</summary>
    public required double[] LearningCurveValidationError { get; init; }

    /// <summary>The first training example's normalised polynomial features (p = 8), with the leading 1.</summary>
    public required double[] NormalizedFirstExample { get; init; }

    /// <summary>Learning curve of the degree-8 polynomial at λ = 0 (training error; near zero: over-fitting).</summary>
    public required double[] PolyLearningCurveTrainError { get; init; }

    /// <summary>Learning curve of the degree-8 polynomial at λ = 0 (cross-validation error).</summary>
    public required double[] PolyLearningCurveValidationError { get; init; }

    /// <summary>The λ values of the validation curve.</summary>
    public required double[] Lambdas { get; init; }

    /// <summary>Validation curve: training error (λ = 0 in the error) for each λ.</summary>
    public required double[] ValidationCurveTrainError { get; init; }

    /// <summary>Validation curve: cross-validation error for each λ.</summary>
    public required double[] ValidationCurveValidationError { get; init; }

    /// <summary>The λ with the lowest cross-validation error (3 in the course).</summary>
    public required double SelectedLambda { get; init; }

    /// <summary>Test error of the polynomial trained at the selected λ (3.8599 at λ = 3).</summary>
    public required double TestError { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
