namespace DlPath.Learn.ModelSelection;

/// <summary>Per-fold results of <see cref="CrossValidation.CrossValidate"/>.</summary>
/// <param name="TestScores">Score on each test fold.</param>
/// <param name="TrainScores">Score on each training fold (empty unless asked for).</param>
/// <param name="FitTimes">Seconds each fit took.</param>
public sealed record CrossValidationResult(double[] TestScores, double[] TrainScores, double[] FitTimes)
{
    /// <summary>Mean test score.</summary>
    public double MeanTestScore => TestScores.Average();
}
