using DlPath.Learn.Optimization;

namespace DlPath.Learn.Recommender;

/// <summary>
/// Collaborative filtering by regularised low-rank factorisation, as the course's ex8: Y ≈ X Θᵀ where X
/// (movies × features) and Θ (users × features) are learned from the rated entries only (R = 1), optionally on
/// mean-normalised ratings. The cost and gradient are the course's <c>cofiCostFunc</c>; parameters are unrolled
/// as <c>[X(:); Theta(:)]</c>, column-major like MATLAB.
/// </summary>
public sealed class CollaborativeFiltering : Estimator
{
    /// <summary>Number of latent features. Default 10.</summary>
    [HyperParameter]
    public int Features { get; set; } = 10;

    /// <summary>Regularisation λ ≥ 0. Default 10 (ex8's recommender).</summary>
    [HyperParameter]
    public double Lambda { get; set; } = 10;

    /// <summary>Conjugate-gradient iterations (fmincg). Default 100.</summary>
    [HyperParameter]
    public int MaxIter { get; set; } = 100;

    /// <summary>Subtract each movie's mean rating before training and add it back to predictions. Default true.</summary>
    [HyperParameter]
    public bool NormalizeMean { get; set; } = true;

    /// <summary>Seed of the random initial parameters (null: a fresh seed).</summary>
    [HyperParameter]
    public int? RandomState { get; set; }

    /// <summary>Movie features X, <c>[movies, features]</c>.</summary>
    public double[,] MovieFeatures { get; private set; } = new double[0, 0];

    /// <summary>User preferences Θ, <c>[users, features]</c>.</summary>
    public double[,] UserPreferences { get; private set; } = new double[0, 0];

    /// <summary>Each movie's mean rating over its ratings (0 when unused or unrated).</summary>
    public double[] MovieMean { get; private set; } = [];

    /// <summary>The final cost.</summary>
    public double FinalCost { get; private set; }

    /// <summary>Learns X and Θ from ratings Y <c>[movies, users]</c> where R[i, j] = 1 marks a rating.</summary>
    public CollaborativeFiltering Fit(double[,] ratings, double[,] rated)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(rated);
        if (ratings.GetLength(0) != rated.GetLength(0) || ratings.GetLength(1) != rated.GetLength(1))
        {
            throw new ArgumentException($"CollaborativeFiltering.Fit: Y is {ratings.GetLength(0)} x {ratings.GetLength(1)} but R is {rated.GetLength(0)} x {rated.GetLength(1)}");
        }
        Check.AtLeast(Name, nameof(Features), Features, 1);
        Check.NonNegative(Name, nameof(Lambda), Lambda);
        int movies = ratings.GetLength(0), users = ratings.GetLength(1);
        double[,] y = ratings;
        MovieMean = new double[movies];
        if (NormalizeMean)
        {
            (y, MovieMean) = NormalizeRatings(ratings, rated);
        }
        var rng = RandomState is int seed ? new Random(seed) : new Random();
        var start = new double[(movies + users) * Features];
        for (int k = 0; k < start.Length; k++)
        {
            start[k] = Normal(rng);
        }
        var result = Fmincg.Minimize(p => CostAndGradient(p, y, rated, users, movies, Features, Lambda), start, MaxIter);
        (MovieFeatures, UserPreferences) = Unroll(result.Theta, users, movies, Features);
        FinalCost = result.Cost;
        IsFitted = true;
        return this;
    }

    /// <summary>Predicted ratings X Θᵀ (+ the movie means), <c>[movies, users]</c>.</summary>
    public double[,] PredictAll()
    {
        EnsureFitted("PredictAll");
        int movies = MovieFeatures.GetLength(0), users = UserPreferences.GetLength(0);
        var p = new double[movies, users];
        for (int i = 0; i < movies; i++)
        {
            for (int j = 0; j < users; j++)
            {
                double s = MovieMean[i];
                for (int f = 0; f < Features; f++)
                {
                    s += MovieFeatures[i, f] * UserPreferences[j, f];
                }
                p[i, j] = s;
            }
        }
        return p;
    }

    /// <summary>
    /// The course's <c>cofiCostFunc</c>: <c>J = ½ Σ_{R=1} (XΘᵀ − Y)² + λ/2 (‖Θ‖² + ‖X‖²)</c>,
    /// <c>∂J/∂X = ((XΘᵀ − Y)∘R) Θ + λX</c>, <c>∂J/∂Θ = ((XΘᵀ − Y)∘R)ᵀ X + λΘ</c>, on parameters <c>[X(:); Θ(:)]</c> (column-major).
    /// </summary>
    public static (double Cost, double[] Gradient) CostAndGradient(double[] parameters, double[,] y, double[,] r, int users, int movies, int features, double lambda)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(r);
        if (parameters.Length != (users + movies) * features)
        {
            throw new ArgumentException($"cofiCostFunc: parameters have {parameters.Length} entries, expected (movies {movies} + users {users}) x features {features} = {(users + movies) * features}");
        }
        if (y.GetLength(0) != movies || y.GetLength(1) != users || r.GetLength(0) != movies || r.GetLength(1) != users)
        {
            throw new ArgumentException($"cofiCostFunc: Y is {y.GetLength(0)} x {y.GetLength(1)} and R is {r.GetLength(0)} x {r.GetLength(1)}, expected movies x users = {movies} x {users}");
        }
        var (x, theta) = Unroll(parameters, users, movies, features);
        var gx = new double[movies, features];
        var gt = new double[users, features];
        double j = 0;
        for (int i = 0; i < movies; i++)
        {
            for (int u = 0; u < users; u++)
            {
                if (r[i, u] != 1)
                {
                    continue;
                }
                double e = -y[i, u];
                for (int f = 0; f < features; f++)
                {
                    e += x[i, f] * theta[u, f];
                }
                j += 0.5 * e * e;
                for (int f = 0; f < features; f++)
                {
                    gx[i, f] += e * theta[u, f];
                    gt[u, f] += e * x[i, f];
                }
            }
        }
        var grad = new double[parameters.Length];
        for (int f = 0; f < features; f++)
        {
            for (int i = 0; i < movies; i++)
            {
                double v = x[i, f];
                j += 0.5 * lambda * v * v;
                grad[f * movies + i] = gx[i, f] + lambda * v;
            }
            for (int u = 0; u < users; u++)
            {
                double v = theta[u, f];
                j += 0.5 * lambda * v * v;
                grad[movies * features + f * users + u] = gt[u, f] + lambda * v;
            }
        }
        return (j, grad);
    }

    /// <summary>The course's <c>normalizeRatings</c>: subtract each movie's mean over its rated entries (rated entries only).</summary>
    public static (double[,] Normalized, double[] Mean) NormalizeRatings(double[,] y, double[,] r)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(r);
        int movies = y.GetLength(0), users = y.GetLength(1);
        var mean = new double[movies];
        var norm = new double[movies, users];
        for (int i = 0; i < movies; i++)
        {
            double s = 0;
            int c = 0;
            for (int u = 0; u < users; u++)
            {
                if (r[i, u] == 1)
                {
                    s += y[i, u];
                    c++;
                }
            }
            mean[i] = c > 0 ? s / c : 0;
            for (int u = 0; u < users; u++)
            {
                norm[i, u] = r[i, u] == 1 ? y[i, u] - mean[i] : 0;
            }
        }
        return (norm, mean);
    }

    /// <summary>Splits <c>[X(:); Theta(:)]</c> (column-major) into X <c>[movies, features]</c> and Θ <c>[users, features]</c>.</summary>
    public static (double[,] X, double[,] Theta) Unroll(double[] parameters, int users, int movies, int features)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var x = new double[movies, features];
        var theta = new double[users, features];
        for (int f = 0; f < features; f++)
        {
            for (int i = 0; i < movies; i++)
            {
                x[i, f] = parameters[f * movies + i];
            }
            for (int u = 0; u < users; u++)
            {
                theta[u, f] = parameters[movies * features + f * users + u];
            }
        }
        return (x, theta);
    }

    /// <summary>The inverse of <see cref="Unroll"/>: <c>[X(:); Theta(:)]</c>.</summary>
    public static double[] Roll(double[,] x, double[,] theta)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(theta);
        int movies = x.GetLength(0), features = x.GetLength(1), users = theta.GetLength(0);
        if (theta.GetLength(1) != features)
        {
            throw new ArgumentException($"Roll: X has {features} features but Theta has {theta.GetLength(1)}");
        }
        var p = new double[(movies + users) * features];
        for (int f = 0; f < features; f++)
        {
            for (int i = 0; i < movies; i++)
            {
                p[f * movies + i] = x[i, f];
            }
            for (int u = 0; u < users; u++)
            {
                p[movies * features + f * users + u] = theta[u, f];
            }
        }
        return p;
    }

    internal static double Normal(Random rng)
    {
        // Box–Muller: one standard normal from two uniforms.
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
