using DlPath.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 7: k-means clustering (on 2-D points, then on the colours of a bird picture to compress it to 16 colours)
/// and principal component analysis (on 2-D points, then on face images).
/// </summary>
public static class Ex7KMeansPca
{
    /// <summary>Index (0-based) of the nearest centroid of each row (<c>findClosestCentroids</c>).</summary>
    public static int[] FindClosestCentroids(Matrix<double> x, Matrix<double> centroids)
    {
        var idx = new int[x.RowCount];
        for (int i = 0; i < x.RowCount; i++)
        {
            double best = double.PositiveInfinity;
            for (int k = 0; k < centroids.RowCount; k++)
            {
                double d = 0;
                for (int j = 0; j < x.ColumnCount; j++)
                {
                    double diff = x[i, j] - centroids[k, j];
                    d += diff * diff;
                }
                if (d < best)
                {
                    best = d;
                    idx[i] = k;
                }
            }
        }
        return idx;
    }

    /// <summary>Each centroid moved to the mean of its points (<c>computeCentroids</c>); a centroid with no points stays put.</summary>
    public static Matrix<double> ComputeCentroids(Matrix<double> x, int[] idx, Matrix<double> previous)
    {
        var result = previous.Clone();
        for (int k = 0; k < previous.RowCount; k++)
        {
            var members = Enumerable.Range(0, x.RowCount).Where(i => idx[i] == k).ToArray();
            if (members.Length > 0)
            {
                result.SetRow(k, members.Select(i => x.Row(i)).Aggregate((a, b) => a + b) / members.Length);
            }
        }
        return result;
    }

    /// <summary>Runs k-means for a number of iterations (<c>runkMeans</c>), returning every centroid set visited.</summary>
    public static (Matrix<double> Centroids, int[] Idx, List<Matrix<double>> History) Run(Matrix<double> x, Matrix<double> initial, int iterations)
    {
        var centroids = initial;
        var history = new List<Matrix<double>> { initial };
        int[] idx = FindClosestCentroids(x, centroids);
        for (int it = 0; it < iterations; it++)
        {
            idx = FindClosestCentroids(x, centroids);
            centroids = ComputeCentroids(x, idx, centroids);
            history.Add(centroids);
        }
        return (centroids, idx, history);
    }

    /// <summary>K distinct random rows as initial centroids (<c>kMeansInitCentroids</c>).</summary>
    public static Matrix<double> RandomInitialCentroids(Matrix<double> x, int k, Random rng)
    {
        var rows = Enumerable.Range(0, x.RowCount).OrderBy(_ => rng.Next()).Take(k).ToArray();
        return Mx.M.DenseOfRowVectors(rows.Select(x.Row));
    }

    /// <summary>PCA of normalised data: eigenvectors U (columns) and eigenvalues S of Σ = XᵀX/m (<c>pca</c>, by SVD).</summary>
    public static (Matrix<double> U, Vector<double> S) Pca(Matrix<double> xNormalized)
    {
        var sigma = xNormalized.TransposeThisAndMultiply(xNormalized) / xNormalized.RowCount;
        var svd = sigma.Svd(computeVectors: true);
        return (svd.U, svd.S);
    }

    /// <summary>Projects onto the top K eigenvectors (<c>projectData</c>).</summary>
    public static Matrix<double> Project(Matrix<double> x, Matrix<double> u, int k) => x * u.SubMatrix(0, u.RowCount, 0, k);

    /// <summary>Maps a projection back to the original space (<c>recoverData</c>).</summary>
    public static Matrix<double> Recover(Matrix<double> z, Matrix<double> u, int k) => z * u.SubMatrix(0, u.RowCount, 0, k).Transpose();

    /// <summary>Runs ex7.m and ex7_pca.m.</summary>
    public static Ex7Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex7");
        var rng = new Random(options.Seed);

        // ----- k-means on ex7data2 -----
        var x2 = Mx.From(data.Mat("ex7/ex7data2.mat").GetMatrix("X"));
        var initial = Mx.M.DenseOfArray(new double[,] { { 3, 3 }, { 6, 2 }, { 8, 5 } });
        var idx0 = FindClosestCentroids(x2, initial);
        var first = ComputeCentroids(x2, idx0, initial);
        var (centroids, idx, history) = Run(x2, initial, 10);
        plots.Draw("kmeans_progress.png", path =>
        {
            using var fig = new Figure("k-means: clusters after 10 iterations and the centroids' path", "x₁", "x₂");
            Charts.ScatterByClass(fig, x2.Column(0).ToArray(), x2.Column(1).ToArray(), idx,
                new Dictionary<int, string> { [0] = "cluster 1", [1] = "cluster 2", [2] = "cluster 3" });
            for (int k = 0; k < initial.RowCount; k++)
            {
                fig.Line(history.Select(c => c[k, 0]).ToArray(), history.Select(c => c[k, 1]).ToArray(), k == 0 ? "centroid path" : null,
                    ScottPlot.Colors.Black, markers: true, width: 1.5f);
            }
            fig.SavePng(path);
        });

        // ----- image compression: the bird's 128x128 colours to 16 -----
        var bird = data.Mat("ex7/bird_small.mat").GetNumeric("A");
        int height = bird.Dims[0], width = bird.Dims[1];
        var pixels = Mx.M.Dense(height * width, 3, (i, c) => bird.Values[i * 3 + c] / 255.0); // row-major h x w x c
        var (palette, birdIdx, _) = Run(pixels, RandomInitialCentroids(pixels, 16, rng), 10);
        double distortion = 0;
        for (int i = 0; i < pixels.RowCount; i++)
        {
            distortion += (pixels.Row(i) - palette.Row(birdIdx[i])).PointwisePower(2).Sum();
        }
        distortion /= pixels.RowCount;
        plots.Draw("bird_original.png", path => Images.Rgb(path, bird.Values.Select(v => (byte)Math.Round(v)).ToArray(), height, width, 3));
        plots.Draw("bird_compressed_16_colours.png", path =>
        {
            var rgb = new byte[height * width * 3];
            for (int i = 0; i < birdIdx.Length; i++)
            {
                for (int c = 0; c < 3; c++)
                {
                    rgb[i * 3 + c] = (byte)Math.Round(Math.Clamp(palette[birdIdx[i], c], 0, 1) * 255);
                }
            }
            Images.Rgb(path, rgb, height, width, 3);
        });

        // ----- PCA on ex7data1 -----
        var x1 = Mx.From(data.Mat("ex7/ex7data1.mat").GetMatrix("X"));
        var (xNorm, mu, sigma) = Ex1LinearRegression.FeatureNormalize(x1);
        var (u, s) = Pca(xNorm);
        var z = Project(xNorm, u, 1);
        var xRec = Recover(z, u, 1);
        plots.Draw("pca_eigenvectors.png", path =>
        {
            using var fig = new Figure("Principal components (length 1.5 × eigenvalue)", "x₁", "x₂");
            fig.Points(x1.Column(0).ToArray(), x1.Column(1).ToArray(), "Data", ScottPlot.MarkerShape.OpenCircle, ScottPlot.Colors.Blue);
            for (int k = 0; k < 2; k++)
            {
                fig.Arrow(mu[0], mu[1], mu[0] + 1.5 * s[k] * u[0, k], mu[1] + 1.5 * s[k] * u[1, k]);
            }
            fig.EqualAxes();
            fig.SavePng(path);
        });
        plots.Draw("pca_projection.png", path =>
        {
            using var fig = new Figure("Normalised data (o) and its 1-D recovery (*)", "x₁ normalised", "x₂ normalised");
            fig.Points(xNorm.Column(0).ToArray(), xNorm.Column(1).ToArray(), "original", ScottPlot.MarkerShape.OpenCircle, ScottPlot.Colors.Blue);
            fig.Points(xRec.Column(0).ToArray(), xRec.Column(1).ToArray(), "recovered", ScottPlot.MarkerShape.Asterisk, ScottPlot.Colors.Red);
            for (int i = 0; i < xNorm.RowCount; i++)
            {
                fig.Line([xNorm[i, 0], xRec[i, 0]], [xNorm[i, 1], xRec[i, 1]], null, ScottPlot.Colors.Gray, width: 1, pattern: ScottPlot.LinePattern.Dashed);
            }
            fig.EqualAxes();
            fig.SavePng(path);
        });

        // ----- PCA on faces (or the 8x8 digits when ex7faces.mat is absent) -----
        var facesPath = data.TryFile("ex7/ex7faces.mat");
        Matrix<double> faces;
        int side;
        bool columnMajor;
        string facesSource;
        string? note = null;
        if (facesPath is not null)
        {
            faces = Mx.From(DlPath.Data.Formats.Mat.MatFile.Read(facesPath).GetMatrix("X"));
            side = 32;
            columnMajor = true;
            facesSource = facesPath;
        }
        else
        {
            faces = Mx.From(data.Digits().Features);
            side = 8;
            columnMajor = false;
            facesSource = "sklearn/digits.csv.gz";
            note = "the course's faces (ex7faces.mat) are not in the data folder; PCA runs on scikit-learn's 8x8 digits instead, reduced to 16 dimensions (run 'dlpath data get ml-course' to fetch the faces)";
        }
        int kFaces = facesPath is not null ? 100 : 16;
        var (facesNorm, _, _) = NormalizeSafe(faces);
        var (uF, sF) = Pca(facesNorm);
        double retained = sF.SubVector(0, kFaces).Sum() / sF.Sum();
        int shown = Math.Min(100, faces.RowCount);
        plots.Draw("faces_original.png", path => Images.Grid(path, Enumerable.Range(0, shown).Select(i => facesNorm.Row(i).ToArray()).ToList(), side, side, columnMajor, scale: side == 8 ? 5 : 2));
        plots.Draw("faces_eigenvectors.png", path => Images.Grid(path, Enumerable.Range(0, Math.Min(36, uF.ColumnCount)).Select(k => uF.Column(k).ToArray()).ToList(),
            side, side, columnMajor, scale: side == 8 ? 8 : 3));
        plots.Draw("faces_recovered.png", path =>
        {
            var rec = Recover(Project(facesNorm.SubMatrix(0, shown, 0, facesNorm.ColumnCount), uF, kFaces), uF, kFaces);
            Images.Grid(path, Enumerable.Range(0, shown).Select(i => rec.Row(i).ToArray()).ToList(), side, side, columnMajor, scale: side == 8 ? 5 : 2);
        });

        return new Ex7Result
        {
            ClosestCentroidsFirst3 = idx0.Take(3).Select(i => i + 1).ToArray(),
            CentroidsAfterFirstStep = ToRows(first),
            CentroidsAfter10 = ToRows(centroids),
            BirdPalette = ToRows(palette),
            BirdDistortion = distortion,
            TopEigenvector = u.Column(0).ToArray(),
            FirstProjection = z[0, 0],
            FirstRecovery = xRec.Row(0).ToArray(),
            FacesSource = facesSource,
            Note = note,
            FacesReducedDimensions = kFaces,
            FacesVarianceRetained = retained,
            Plots = plots.Written,
        };
    }

    private static double[][] ToRows(Matrix<double> m) => Enumerable.Range(0, m.RowCount).Select(i => m.Row(i).ToArray()).ToArray();

    // Constant columns (the digits' always-blank corner pixels) have σ = 0: leave them centred but unscaled.
    private static (Matrix<double> Normalized, double[] Mu, double[] Sigma) NormalizeSafe(Matrix<double> x)
    {
        var result = x.Clone();
        var mu = new double[x.ColumnCount];
        var sigma = new double[x.ColumnCount];
        for (int j = 0; j < x.ColumnCount; j++)
        {
            var col = x.Column(j);
            mu[j] = col.Average();
            sigma[j] = Mx.Std(col);
            result.SetColumn(j, (col - mu[j]) / (sigma[j] > 0 ? sigma[j] : 1));
        }
        return (result, mu, sigma);
    }
}
