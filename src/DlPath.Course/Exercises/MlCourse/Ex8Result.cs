namespace DlPath.Course.Exercises.MlCourse;

/// <summary>What ex8.m and ex8_cofi.m print (anomaly detection and a movie recommender).</summary>
public sealed record Ex8Result
{
    /// <summary>ex8data1: per-feature means of the Gaussian.</summary>
    public required double[] Mu { get; init; }

    /// <summary>ex8data1: per-feature variances (1/m).</summary>
    public required double[] Sigma2 { get; init; }

    /// <summary>ex8data1: the ε chosen on the cross-validation set (expected 8.99e-05).</summary>
    public required double Epsilon { get; init; }

    /// <summary>ex8data1: its F1 (expected 0.875).</summary>
    public required double F1 { get; init; }

    /// <summary>ex8data1: training examples flagged as anomalies.</summary>
    public required int Outliers { get; init; }

    /// <summary>ex8data2 (11 features): the chosen ε (expected 1.38e-18).</summary>
    public required double HighDimEpsilon { get; init; }

    /// <summary>ex8data2: its F1 (expected 0.615385).</summary>
    public required double HighDimF1 { get; init; }

    /// <summary>ex8data2: training examples flagged (expected 117).</summary>
    public required int HighDimOutliers { get; init; }

    /// <summary>Average rating of Toy Story (expected 3.878319 / 5).</summary>
    public required double ToyStoryAverageRating { get; init; }

    /// <summary>Collaborative-filtering cost on the reduced set (4 users, 5 movies, 3 features), λ = 0 (expected 22.22).</summary>
    public required double CofiCost { get; init; }

    /// <summary>The same at λ = 1.5 (expected 31.34).</summary>
    public required double CofiCostLambda15 { get; init; }

    /// <summary>Gradient check relative difference, λ = 0 (below 1e-9).</summary>
    public required double CofiGradientCheck { get; init; }

    /// <summary>Gradient check relative difference, λ = 1.5.</summary>
    public required double CofiGradientCheckLambda15 { get; init; }

    /// <summary>The script's example ratings of the new user (title and rating).</summary>
    public required IReadOnlyList<MovieRating> NewUserRatings { get; init; }

    /// <summary>The top 10 predictions for the new user after training (λ = 10, 100 iterations).</summary>
    public required IReadOnlyList<MovieRating> TopRecommendations { get; init; }

    /// <summary>The PNG files written.</summary>
    public required IReadOnlyList<string> Plots { get; init; }
}

/// <summary>A movie and a rating (given or predicted).</summary>
/// <param name="Title">The title from movie_ids.txt.</param>
/// <param name="Rating">The rating, 1..5 for given ones.</param>
public sealed record MovieRating(string Title, double Rating);
