using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// ex8's collaborative filtering: J = ½ Σ_{r(i,j)=1} (xᵢ·θⱼ − y(i,j))² + λ/2 (‖Θ‖² + ‖X‖²) with the parameters
/// unrolled as <c>[X(:); Theta(:)]</c> (<c>cofiCostFunc</c>).
/// </summary>
public static class CollaborativeFiltering
{
    /// <summary>Cost and unrolled gradient.</summary>
    /// <param name="parameters">[X(:); Theta(:)], column-major.</param>
    /// <param name="y">Ratings, movies × users.</param>
    /// <param name="r">1 where a user rated a movie, movies × users.</param>
    /// <param name="features">Features per movie/user.</param>
    /// <param name="lambda">Regularisation strength.</param>
    public static (double Cost, Vector<double> Gradient) Cost(Vector<double> parameters, Matrix<double> y, Matrix<double> r, int features, double lambda)
    {
        int movies = y.RowCount, users = y.ColumnCount;
        if (parameters.Count != (movies + users) * features)
        {
            throw new ArgumentException($"cofi cost: {parameters.Count} parameters, expected ({movies} movies + {users} users) x {features} features");
        }
        var (x, theta) = Reroll(parameters, movies, users, features);
        // Only rated entries count, and MovieLens rates about 6 % of the 1682 × 943 pairs: loop over the ratings
        // (err = xᵢ·θⱼ − y(i,j); ∂J/∂xᵢ += err·θⱼ; ∂J/∂θⱼ += err·xᵢ) instead of forming the dense (XΘᵀ − Y) .* R.
        var xa = x.ToArray();
        var ta = theta.ToArray();
        var ya = y.AsColumnMajorArray() ?? y.ToColumnMajorArray();
        var ra = r.AsColumnMajorArray() ?? r.ToColumnMajorArray();
        var xGradA = new double[movies, features];
        var tGradA = new double[users, features];
        double squared = 0;
        for (int j = 0; j < users; j++)
        {
            for (int i = 0; i < movies; i++)
            {
                int k = j * movies + i; // column-major index of (i, j)
                if (ra[k] == 0)
                {
                    continue;
                }
                double err = -ya[k];
                for (int f = 0; f < features; f++)
                {
                    err += xa[i, f] * ta[j, f];
                }
                squared += err * err;
                for (int f = 0; f < features; f++)
                {
                    xGradA[i, f] += err * ta[j, f];
                    tGradA[j, f] += err * xa[i, f];
                }
            }
        }
        double cost = 0.5 * squared + lambda / 2 * (SumOfSquares(theta) + SumOfSquares(x));
        var xGrad = Mx.M.DenseOfArray(xGradA) + lambda * x;
        var thetaGrad = Mx.M.DenseOfArray(tGradA) + lambda * theta;
        return (cost, Unroll(xGrad, thetaGrad));
    }

    private static double SumOfSquares(Matrix<double> m)
    {
        double sum = 0;
        foreach (var v in m.AsColumnMajorArray() ?? m.ToColumnMajorArray())
        {
            sum += v * v;
        }
        return sum;
    }

    /// <summary>[X(:); Theta(:)].</summary>
    public static Vector<double> Unroll(Matrix<double> x, Matrix<double> theta) =>
        Mx.V.DenseOfArray([.. x.ToColumnMajorArray(), .. theta.ToColumnMajorArray()]);

    /// <summary>The inverse of <see cref="Unroll"/>.</summary>
    public static (Matrix<double> X, Matrix<double> Theta) Reroll(Vector<double> p, int movies, int users, int features)
    {
        var a = p.ToArray();
        return (Mx.M.DenseOfColumnMajor(movies, features, a.AsSpan(0, movies * features).ToArray()),
                Mx.M.DenseOfColumnMajor(users, features, a.AsSpan(movies * features, users * features).ToArray()));
    }

    /// <summary>Subtracts each movie's mean rating over the users who rated it (<c>normalizeRatings</c>).</summary>
    public static (Matrix<double> YNorm, Vector<double> YMean) NormalizeRatings(Matrix<double> y, Matrix<double> r)
    {
        var mean = Mx.V.Dense(y.RowCount);
        var norm = Mx.M.Dense(y.RowCount, y.ColumnCount);
        for (int i = 0; i < y.RowCount; i++)
        {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < y.ColumnCount; j++)
            {
                if (r[i, j] == 1)
                {
                    sum += y[i, j];
                    count++;
                }
            }
            mean[i] = count > 0 ? sum / count : 0;
            for (int j = 0; j < y.ColumnCount; j++)
            {
                if (r[i, j] == 1)
                {
                    norm[i, j] = y[i, j] - mean[i];
                }
            }
        }
        return (norm, mean);
    }

    /// <summary>
    /// <c>checkCostFunction</c>: a random 4×5 problem with 3 features, half the ratings hidden; returns
    /// ‖num − analytic‖ / ‖num + analytic‖.
    /// </summary>
    public static double CheckGradients(double lambda, Random rng)
    {
        var xT = Mx.Draws(4, 3, rng.NextDouble);
        var thetaT = Mx.Draws(5, 3, rng.NextDouble);
        var y = xT * thetaT.Transpose();
        var drop = Mx.Draws(y.RowCount, y.ColumnCount, rng.NextDouble);
        y.MapIndexedInplace((i, j, v) => drop[i, j] > 0.5 ? 0 : v);
        var r = y.Map(v => v != 0 ? 1.0 : 0.0);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, rng);
        var p = Mx.Draws((4 + 5) * 3, normal.Sample);
        var (_, grad) = Cost(p, y, r, 3, lambda);
        var numeric = NeuralNetworkCost.NumericalGradient(q => Cost(q, y, r, 3, lambda).Cost, p);
        return (numeric - grad).L2Norm() / (numeric + grad).L2Norm();
    }
}
