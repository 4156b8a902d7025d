namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex4.m prints (neural network learning by backpropagation).</summary>
public sealed record Ex4Result
{
    /// <summary>Which digits were used (the course's 20×20 file or the 8×8 stand-in).</summary>
    public required string DigitsSource { get; init; }

    /// <summary>Set when the course's digits are absent and the 8×8 digits stand in.</summary>
    public string? Note { get; init; }

    /// <summary>Sizes of Theta1 and Theta2 in ex4weights.mat (25×401 and 10×26).</summary>
    public required int[] GivenWeightShapes { get; init; }

    /// <summary>Cost with the given weights, λ = 0 (0.287629); null without the course's digits.</summary>
    public double? CostGivenWeights { get; init; }

    /// <summary>Cost with the given weights, λ = 1 (0.383770); null without the course's digits.</summary>
    public double? CostGivenWeightsLambda1 { get; init; }

    /// <summary>Cost with the given weights, λ = 3 (0.576051); null without the course's digits.</summary>
    public double? CostGivenWeightsLambda3 { get; init; }

    /// <summary>Sigmoid gradient at (−1, −0.5, 0, 0.5, 1): 0.196612 0.235004 0.250000 0.235004 0.196612.</summary>
    public required double[] SigmoidGradient { get; init; }

    /// <summary>Relative difference between backpropagation and numerical gradients, λ = 0 (below 1e-9).</summary>
    public required double GradientCheckRelativeDifference { get; init; }

    /// <summary>The same with λ = 3.</summary>
    public required double GradientCheckRelativeDifferenceLambda3 { get; init; }

    /// <summary>Training accuracy in percent after 50 fmincg iterations at λ = 1 from random weights (about 95 on the course's digits).</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>The training cost after each line search.</summary>
    public required double[] TrainingCosts { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
