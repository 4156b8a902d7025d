namespace DlPath.Course.Review.Scheduling;

/// <summary>The outcome of <see cref="FsrsOptimizer.Optimize"/>.</summary>
/// <param name="Parameters">The best weights found (the starting weights when not optimised).</param>
/// <param name="Optimized">Whether optimisation ran and improved the log loss.</param>
/// <param name="TrainingReviews">Reviews whose recall the model predicts (later-day reviews).</param>
/// <param name="InitialLoss">Mean log loss of the starting weights on the log (NaN with no reviews).</param>
/// <param name="FinalLoss">Mean log loss of the returned weights.</param>
/// <param name="Message">A sentence for the learner saying what happened.</param>
public sealed record FsrsOptimizationResult(
    FsrsParameters Parameters, bool Optimized, int TrainingReviews, double InitialLoss, double FinalLoss, string Message);
