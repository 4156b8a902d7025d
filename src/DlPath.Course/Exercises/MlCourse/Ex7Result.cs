namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex7.m and ex7_pca.m print (k-means clustering and principal component analysis).</summary>
public sealed record Ex7Result
{
    /// <summary>Closest centroid (1-based, as printed) of the first three examples of ex7data2 (expected 1 3 2).</summary>
    public required int[] ClosestCentroidsFirst3 { get; init; }

    /// <summary>Centroids after the first assignment (expected [2.428301 3.157924; 5.813503 2.633656; 7.119387 3.616684]).</summary>
    public required double[][] CentroidsAfterFirstStep { get; init; }

    /// <summary>Centroids after 10 iterations from the script's initial centroids.</summary>
    public required double[][] CentroidsAfter10 { get; init; }

    /// <summary>The 16 colours the bird image is compressed to (RGB in 0..1).</summary>
    public required double[][] BirdPalette { get; init; }

    /// <summary>The k-means distortion (mean squared distance to the assigned colour) of the compressed bird.</summary>
    public required double BirdDistortion { get; init; }

    /// <summary>PCA on ex7data1: the top eigenvector (expected −0.707107 −0.707107; an eigenvector's sign is arbitrary).</summary>
    public required double[] TopEigenvector { get; init; }

    /// <summary>The projection of the first normalised example onto it (expected 1.481274, with that sign).</summary>
    public required double FirstProjection { get; init; }

    /// <summary>Its recovery from one dimension (expected −1.047419 −1.047419).</summary>
    public required double[] FirstRecovery { get; init; }

    /// <summary>Which images stand for the faces (ex7faces.mat, or the 8×8 digits when it is absent).</summary>
    public required string FacesSource { get; init; }

    /// <summary>Set when the faces are absent and the digits stand in.</summary>
    public string? Note { get; init; }

    /// <summary>Dimensions the faces (100) or digits (16) are reduced to.</summary>
    public required int FacesReducedDimensions { get; init; }

    /// <summary>Fraction of the variance kept by that many components.</summary>
    public required double FacesVarianceRetained { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}
