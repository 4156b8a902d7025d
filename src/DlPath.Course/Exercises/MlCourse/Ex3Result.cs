namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex3.m and ex3_nn.m print (one-vs-all logistic regression and a given network's predictions).</summary>
public sealed record Ex3Result
{
    /// <summary>The vectorised regularised cost on the script's test case (expected 2.534819).</summary>
    public required double TestCaseCost { get; init; }

    /// <summary>Its gradient (expected 0.146561, −0.548558, 0.724722, 1.398003).</summary>
    public required double[] TestCaseGradient { get; init; }

    /// <summary>Which digits were used (the course's 20×20 file or the 8×8 stand-in).</summary>
    public required string DigitsSource { get; init; }

    /// <summary>Set when the course's digits are absent and the 8×8 digits stand in.</summary>
    public string? Note { get; init; }

    /// <summary>One-vs-all training accuracy in percent with λ = 0.1 (94.9 on the course's digits).</summary>
    public required double OneVsAllTrainAccuracy { get; init; }

    /// <summary>Training accuracy of the given network ex3weights (97.5 on the course's digits); null when those digits are absent,
    /// because its 400 inputs do not fit 8×8 images.</summary>
    public double? NetworkTrainAccuracy { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
