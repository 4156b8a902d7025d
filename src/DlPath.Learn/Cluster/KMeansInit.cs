namespace DlPath.Learn.Cluster;

/// <summary>How <see cref="KMeans"/> picks its starting centroids.</summary>
public enum KMeansInit
{
    /// <summary>k-means++ (Arthur &amp; Vassilvitskii), greedy as scikit-learn: each new centre is the best of 2 + ln k candidates drawn ∝ D².</summary>
    KMeansPlusPlus,

    /// <summary>K distinct training examples chosen at random (the course's <c>kMeansInitCentroids</c>).</summary>
    Random,
}
