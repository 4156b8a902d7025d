namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex2.m and ex2_reg.m print (logistic regression, plain and regularised).</summary>
public sealed record Ex2Result
{
    /// <summary>Cost at θ = 0 (expected 0.693).</summary>
    public required double CostAtZero { get; init; }

    /// <summary>Gradient at θ = 0 (expected −0.1000, −12.0092, −11.2628).</summary>
    public required double[] GradientAtZero { get; init; }

    /// <summary>Cost at the script's test θ = (−24, 0.2, 0.2) (expected 0.218).</summary>
    public required double CostAtTestTheta { get; init; }

    /// <summary>Gradient at the test θ (expected 0.043, 2.566, 2.647).</summary>
    public required double[] GradientAtTestTheta { get; init; }

    /// <summary>θ found by the minimiser (400 iterations; expected about −25.161, 0.206, 0.201).</summary>
    public required double[] OptimizedTheta { get; init; }

    /// <summary>Cost at the optimised θ (expected 0.203).</summary>
    public required double OptimizedCost { get; init; }

    /// <summary>Admission probability for exam scores 45 and 85 (expected 0.775 ± 0.002).</summary>
    public required double AdmissionProbability { get; init; }

    /// <summary>Training accuracy in percent (expected 89.0).</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>ex2_reg: cost at θ = 0 with λ = 1 (expected 0.693).</summary>
    public required double RegCostAtZero { get; init; }

    /// <summary>ex2_reg: first five gradient entries at θ = 0, λ = 1 (expected 0.0085, 0.0188, 0.0001, 0.0503, 0.0115).</summary>
    public required double[] RegGradientAtZeroFirst5 { get; init; }

    /// <summary>ex2_reg: cost at θ = 1 with λ = 10 (expected 3.16).</summary>
    public required double RegCostAtOnes { get; init; }

    /// <summary>ex2_reg: first five gradient entries at θ = 1, λ = 10 (expected 0.3460, 0.1614, 0.1948, 0.2269, 0.0922).</summary>
    public required double[] RegGradientAtOnesFirst5 { get; init; }

    /// <summary>ex2_reg: training accuracy at λ = 1 in percent (expected 83.1).</summary>
    public required double RegTrainAccuracy { get; init; }

    /// <summary>ex2_reg: training accuracy for λ = 0, 1, 10, 100 (the boundaries drawn; over- and under-fitting).</summary>
    public required IReadOnlyDictionary<string, double> RegTrainAccuracyByLambda { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
