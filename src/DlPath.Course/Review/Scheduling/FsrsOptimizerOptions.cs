namespace DlPath.Course.Review.Scheduling;

/// <summary>Hyperparameters of <see cref="FsrsOptimizer"/>; the defaults are the reference optimizer's.</summary>
public sealed record FsrsOptimizerOptions
{
    /// <summary>Reviews (on a later day than the card's previous one) needed before optimising at all.</summary>
    public int MinimumReviews { get; init; } = 512;

    /// <summary>Passes over the review log.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Predictions per gradient step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Adam's initial learning rate (annealed to 0 by a cosine schedule).</summary>
    public double LearningRate { get; init; } = 0.04;

    /// <summary>Only the first this-many reviews of each card are used.</summary>
    public int MaxSequenceLength { get; init; } = 64;

    /// <summary>Seed of the per-epoch shuffle of cards.</summary>
    public int Seed { get; init; } = 42;
}
