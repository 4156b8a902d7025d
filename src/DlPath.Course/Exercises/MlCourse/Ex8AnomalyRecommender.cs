using System.Text;
using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 8: anomaly detection on server metrics (latency and throughput, then 11 features), and a movie recommender
/// by collaborative filtering on MovieLens ratings.
/// </summary>
public static class Ex8AnomalyRecommender
{
    /// <summary>The script's example ratings for a new user: (0-based movie index, rating).</summary>
    public static readonly (int Movie, double Rating)[] ExampleRatings =
        [(0, 4), (97, 2), (6, 3), (11, 5), (53, 4), (63, 5), (65, 3), (68, 5), (182, 4), (225, 5), (354, 5)];

    /// <summary>Runs ex8.m and ex8_cofi.m.</summary>
    public static Ex8Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex8");

        // ----- ex8.m: ex8data1 (2 features) -----
        var d1 = data.Mat("ex8/ex8data1.mat");
        var x = Mx.From(d1.GetMatrix("X"));
        var xval = Mx.From(d1.GetMatrix("Xval"));
        var yval = d1.GetNumeric("yval").ToInt32();
        var (mu, sigma2) = AnomalyDetection.EstimateGaussian(x);
        var p = AnomalyDetection.Density(x, mu, sigma2);
        var (epsilon, f1) = AnomalyDetection.SelectThreshold(yval, AnomalyDetection.Density(xval, mu, sigma2));
        var outliers = Enumerable.Range(0, p.Length).Where(i => p[i] < epsilon).ToArray();
        plots.Draw("gaussian_fit.png", path =>
        {
            using var fig = new Figure("Gaussian fit (contours 10^-20 … 10^-2) and anomalies", "Latency (ms)", "Throughput (mb/s)");
            fig.Points(x.Column(0).ToArray(), x.Column(1).ToArray(), "Servers", ScottPlot.MarkerShape.Cross, ScottPlot.Colors.Blue, 5);
            var xs = Grid.Linspace(0, 35, 141);
            var z = Grid.Evaluate(xs, xs, (a, b) => AnomalyDetection.Density(Mx.M.DenseOfArray(new[,] { { a, b } }), mu, sigma2)[0]);
            fig.Contour(xs, xs, z, Enumerable.Range(0, 7).Select(k => Math.Pow(10, -20 + 3 * k)).ToArray());
            fig.Points(outliers.Select(i => x[i, 0]).ToArray(), outliers.Select(i => x[i, 1]).ToArray(), "Anomalies (p < ε)",
                ScottPlot.MarkerShape.OpenCircle, ScottPlot.Colors.Red, 14);
            fig.Limits(0, 30, 0, 30);
            fig.SavePng(path);
        });

        // ----- ex8data2 (11 features) -----
        var d2 = data.Mat("ex8/ex8data2.mat");
        var x2 = Mx.From(d2.GetMatrix("X"));
        var (mu2, sigma22) = AnomalyDetection.EstimateGaussian(x2);
        var p2 = AnomalyDetection.Density(x2, mu2, sigma22);
        var (epsilon2, f12) = AnomalyDetection.SelectThreshold(d2.GetNumeric("yval").ToInt32(),
            AnomalyDetection.Density(Mx.From(d2.GetMatrix("Xval")), mu2, sigma22));
        int outliers2 = p2.Count(v => v < epsilon2);
        plots.Draw("high_dim_log_density.png", path => Charts.Histogram(path, p2.Select(Math.Log10).ToArray(), 40,
            $"ex8data2: log10 p(x); ε = {epsilon2:0.##e+00} flags {outliers2}", "log10 p(x)"));

        // ----- ex8_cofi.m -----
        var movies = data.Mat("ex8/ex8_movies.mat");
        var y = Mx.From(movies.GetMatrix("Y"));
        var r = Mx.From(movies.GetMatrix("R"));
        double toyStory = Enumerable.Range(0, y.ColumnCount).Where(j => r[0, j] == 1).Average(j => y[0, j]);
        plots.Draw("ratings_heatmap.png", path =>
        {
            // The first 100 movies x 100 users of Y, as the script's imagesc(Y) shows the whole matrix.
            var part = y.SubMatrix(0, 100, 0, 100).ToArray();
            Charts.Heatmap(path, part, "Ratings Y: 100 movies (rows) x 100 users (0 = unrated)");
        });

        var prm = data.Mat("ex8/ex8_movieParams.mat");
        var xAll = Mx.From(prm.GetMatrix("X"));
        var thetaAll = Mx.From(prm.GetMatrix("Theta"));
        const int Users = 4, Movies = 5, Features = 3;
        var pReduced = CollaborativeFiltering.Unroll(xAll.SubMatrix(0, Movies, 0, Features), thetaAll.SubMatrix(0, Users, 0, Features));
        var yReduced = y.SubMatrix(0, Movies, 0, Users);
        var rReduced = r.SubMatrix(0, Movies, 0, Users);
        double cofi0 = CollaborativeFiltering.Cost(pReduced, yReduced, rReduced, Features, 0).Cost;
        double cofi15 = CollaborativeFiltering.Cost(pReduced, yReduced, rReduced, Features, 1.5).Cost;
        var rng = new Random(options.Seed);
        double check0 = CollaborativeFiltering.CheckGradients(0, rng);
        double check15 = CollaborativeFiltering.CheckGradients(1.5, rng);

        // Add the new user as column 0, normalise, train 10 features at λ = 10 for 100 iterations.
        var titles = ReadTitles(data.File("ex8/movie_ids.txt"));
        var myRatings = Mx.V.Dense(y.RowCount);
        foreach (var (movie, rating) in ExampleRatings)
        {
            myRatings[movie] = rating;
        }
        var yAll = y.InsertColumn(0, myRatings);
        var rAll = r.InsertColumn(0, myRatings.Map(v => v != 0 ? 1.0 : 0.0));
        var (yNorm, yMean) = CollaborativeFiltering.NormalizeRatings(yAll, rAll);
        const int TrainFeatures = 10;
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, rng);
        var initial = Mx.Draws((yAll.RowCount + yAll.ColumnCount) * TrainFeatures, normal.Sample);
        var (trained, costs) = Fmincg.Minimize(q => CollaborativeFiltering.Cost(q, yNorm, rAll, TrainFeatures, 10), initial, 100);
        var (xT, thetaT) = CollaborativeFiltering.Reroll(trained, yAll.RowCount, yAll.ColumnCount, TrainFeatures);
        var myPredictions = xT * thetaT.Row(0) + yMean;
        var top = Enumerable.Range(0, myPredictions.Count).OrderByDescending(i => myPredictions[i]).Take(10)
            .Select(i => new MovieRating(titles[i], myPredictions[i])).ToList();
        plots.Draw("cofi_training_cost.png", path => Charts.Lines(path, "Collaborative filtering training (λ = 10)", "Iteration", "Cost J",
            [new("J", Enumerable.Range(1, costs.Count).Select(i => (double)i).ToArray(), costs.ToArray())]));
        plots.Draw("top_recommendations.png", path => Charts.Bar(path, top.Select(t => t.Title).ToList(), top.Select(t => t.Rating).ToList(),
            "Top 10 predictions for the new user", "Predicted rating"));

        return new Ex8Result
        {
            Mu = mu.ToArray(),
            Sigma2 = sigma2.ToArray(),
            Epsilon = epsilon,
            F1 = f1,
            Outliers = outliers.Length,
            HighDimEpsilon = epsilon2,
            HighDimF1 = f12,
            HighDimOutliers = outliers2,
            ToyStoryAverageRating = toyStory,
            CofiCost = cofi0,
            CofiCostLambda15 = cofi15,
            CofiGradientCheck = check0,
            CofiGradientCheckLambda15 = check15,
            NewUserRatings = ExampleRatings.Select(e => new MovieRating(titles[e.Movie], e.Rating)).ToList(),
            TopRecommendations = top,
            Plots = plots.Written,
        };
    }

    /// <summary>Reads movie_ids.txt ("1 Toy Story (1995)" per line, Latin-1) into 0-based titles (<c>loadMovieList</c>).</summary>
    public static string[] ReadTitles(string path)
    {
        var titles = new List<string>();
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            titles.Add(space < 0 ? trimmed : trimmed[(space + 1)..]);
        }
        return [.. titles];
    }
}
