namespace DlPath.NN;

/// <summary>The learning-rate schedules <see cref="FashionMnistTraining"/> offers.</summary>
public enum FashionMnistSchedule
{
    /// <summary>Adam at a fixed rate, exactly as the reference script trains.</summary>
    Constant,

    /// <summary>
    /// The one-cycle policy over the whole run (<see cref="OneCycleLR"/> with torch's defaults: 30 % warm-up from
    /// rate/25 to the peak, cosine annealing to peak/25e4, Adam's beta1 cycled between 0.95 and 0.85).
    /// </summary>
    OneCycle,
}
