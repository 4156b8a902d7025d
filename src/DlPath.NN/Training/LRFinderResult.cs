namespace DlPath.NN;

/// <summary>
/// The curve of an <see cref="LRFinder"/> sweep: the learning rate of each step, the loss it gave and the smoothed
/// loss fast.ai plots, with the two classic suggestions. Plot <see cref="SmoothedLosses"/> against
/// <see cref="LearningRates"/> on a log x axis.
/// </summary>
/// <param name="LearningRates">The learning rate used at each step (exponentially increasing).</param>
/// <param name="Losses">The raw training loss of each step.</param>
/// <param name="SmoothedLosses">The debiased exponential moving average of the loss (fast.ai's <c>AvgSmoothLoss</c>).</param>
/// <param name="Diverged">True when the sweep stopped early because the smoothed loss exceeded 4x its best (or became NaN).</param>
/// <param name="Steepest">The learning rate where the smoothed loss falls fastest against log(lr) (fast.ai's <c>steep</c>).</param>
/// <param name="MinimumOver10">The learning rate of the lowest smoothed loss divided by 10 (fast.ai's <c>minimum</c>).</param>
public sealed record LRFinderResult(
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> Losses,
    IReadOnlyList<double> SmoothedLosses,
    bool Diverged,
    double Steepest,
    double MinimumOver10);
