namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex1.m and ex1_multi.m print (linear regression with one and with several variables).</summary>
public sealed record Ex1Result
{
    /// <summary>J(θ) on ex1data1 at θ = (0, 0) (the script expects 32.07).</summary>
    public required double CostAtZero { get; init; }

    /// <summary>J(θ) at θ = (−1, 2) (expected 54.24).</summary>
    public required double CostAtMinusOneTwo { get; init; }

    /// <summary>θ after 1500 iterations of gradient descent with α = 0.01 (expected −3.6303, 1.1664).</summary>
    public required double[] ThetaGradientDescent { get; init; }

    /// <summary>J(θ) after each gradient-descent iteration.</summary>
    public required double[] CostHistory { get; init; }

    /// <summary>Predicted profit in dollars for a population of 35,000 (expected 4519.77).</summary>
    public required double ProfitFor35000 { get; init; }

    /// <summary>Predicted profit in dollars for a population of 70,000 (expected 45342.45).</summary>
    public required double ProfitFor70000 { get; init; }

    /// <summary>ex1_multi: the means used to normalise size and bedrooms.</summary>
    public required double[] MultiMu { get; init; }

    /// <summary>ex1_multi: the standard deviations (N−1) used to normalise.</summary>
    public required double[] MultiSigma { get; init; }

    /// <summary>ex1_multi: θ after 400 iterations of gradient descent (α = 0.01) on normalised features.</summary>
    public required double[] MultiThetaGradientDescent { get; init; }

    /// <summary>ex1_multi: J(θ) after each iteration.</summary>
    public required double[] MultiCostHistory { get; init; }

    /// <summary>ex1_multi: price of a 1650 sq-ft, 3-bedroom house by gradient descent.</summary>
    public required double MultiPriceGradientDescent { get; init; }

    /// <summary>ex1_multi: θ from the normal equation on the raw features.</summary>
    public required double[] MultiThetaNormalEquation { get; init; }

    /// <summary>ex1_multi: price of the same house by the normal equation (expected 293081.46).</summary>
    public required double MultiPriceNormalEquation { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
