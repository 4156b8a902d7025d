using DlPath.Plots;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// Exercise 6: support vector machines on three 2-D datasets (linear and Gaussian kernels, C and σ chosen on a
/// validation set) and a spam classifier on the course's preprocessed e-mails.
/// </summary>
public static class Ex6Svm
{
    /// <summary>The C and σ values dataset 3 is searched over.</summary>
    public static readonly double[] GridValues = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];

    /// <summary>exp(−‖x1 − x2‖² / (2σ²)) (<c>gaussianKernel</c>).</summary>
    public static double GaussianKernel(double[] x1, double[] x2, double sigma)
    {
        double d = 0;
        for (int k = 0; k < x1.Length; k++)
        {
            d += (x1[k] - x2[k]) * (x1[k] - x2[k]);
        }
        return Math.Exp(-d / (2 * sigma * sigma));
    }

    /// <summary>x1·x2 (<c>linearKernel</c>).</summary>
    public static double LinearKernel(double[] x1, double[] x2)
    {
        double d = 0;
        for (int k = 0; k < x1.Length; k++)
        {
            d += x1[k] * x2[k];
        }
        return d;
    }

    /// <summary>A trained kernel SVM: support vectors with α_k y_k, and b (<c>svmPredict</c> computes the sign of the output).</summary>
    public sealed class Model(double[][] supportVectors, double[] alphaY, double b, Func<double[], double[], double> kernel)
    {
        /// <summary>Σ α_k y_k K(x_k, x) + b.</summary>
        public double Output(double[] x)
        {
            double sum = b;
            for (int k = 0; k < supportVectors.Length; k++)
            {
                sum += alphaY[k] * kernel(supportVectors[k], x);
            }
            return sum;
        }

        /// <summary>1 when the output is ≥ 0, else 0.</summary>
        public int Predict(double[] x) => Output(x) >= 0 ? 1 : 0;

        /// <summary>Trains with the course's SMO on a precomputed Gram matrix.</summary>
        public static Model Train(double[][] x, int[] y, double c, Func<double[], double[], double> kernel, Random rng, double tol = 1e-3, int maxPasses = 5)
        {
            var (alphas, b) = Smo.Train(new Smo.GramKernel(x, kernel), y, c, tol, maxPasses, rng);
            var sv = Enumerable.Range(0, x.Length).Where(i => alphas[i] > 0).ToArray();
            return new Model(sv.Select(i => x[i]).ToArray(), sv.Select(i => alphas[i] * (y[i] == 1 ? 1 : -1)).ToArray(), b, kernel);
        }
    }

    /// <summary>Runs ex6.m and the training part of ex6_spam.m.</summary>
    public static Ex6Result Run(ExerciseOptions options)
    {
        var data = new CourseData(options);
        var plots = new PlotSink(options.PlotsDirectory, "ex6");
        var rng = new Random(options.Seed);
        double kernelValue = GaussianKernel([1, 2, 1], [0, 4, -1], 2);

        // Dataset 1: linear kernel, C = 1 and C = 100.
        var (x1, y1) = Load(data, "ex6/ex6data1.mat", "X", "y");
        var acc1 = new double[2];
        double[] cs = [1, 100];
        for (int k = 0; k < 2; k++)
        {
            var model = Model.Train(x1, y1, cs[k], LinearKernel, rng, 1e-3, 20);
            acc1[k] = Accuracy(model, x1, y1);
            DrawBoundary(plots, $"dataset1_linear_C_{cs[k]}.png", $"Dataset 1, linear kernel, C = {cs[k]}", x1, y1, model);
        }

        // Dataset 2: Gaussian kernel, C = 1, σ = 0.1.
        var (x2, y2) = Load(data, "ex6/ex6data2.mat", "X", "y");
        var model2 = Model.Train(x2, y2, 1, (a, b) => GaussianKernel(a, b, 0.1), rng);
        double acc2 = Accuracy(model2, x2, y2);
        DrawBoundary(plots, "dataset2_gaussian.png", "Dataset 2, Gaussian kernel, C = 1, σ = 0.1", x2, y2, model2);

        // Dataset 3: choose C and σ on the validation set (dataset3Params).
        var (x3, y3) = Load(data, "ex6/ex6data3.mat", "X", "y");
        var (x3val, y3val) = Load(data, "ex6/ex6data3.mat", "Xval", "yval");
        double bestC = 0, bestSigma = 0, bestAcc = -1;
        Model? best = null;
        foreach (var c in GridValues)
        {
            foreach (var sigma in GridValues)
            {
                var model = Model.Train(x3, y3, c, (a, b) => GaussianKernel(a, b, sigma), rng);
                double acc = Accuracy(model, x3val, y3val);
                if (acc > bestAcc)
                {
                    (bestAcc, bestC, bestSigma, best) = (acc, c, sigma, model);
                }
            }
        }
        DrawBoundary(plots, "dataset3_best.png", $"Dataset 3, Gaussian kernel, C = {bestC}, σ = {bestSigma}", x3, y3, best!);

        // Spam: linear SVM, C = 0.1, on 1899 binary word features (spamTrain / spamTest).
        var train = data.Mat("ex6/spamTrain.mat");
        var test = data.Mat("ex6/spamTest.mat");
        var trainWords = SparseRows(train.GetNumeric("X"));
        var yTrain = train.GetNumeric("y").ToInt32();
        int vocabSize = train.GetNumeric("X").Columns;
        var kernel = new Smo.SparseLinearKernel(trainWords, vocabSize);
        var (_, bSpam) = Smo.Train(kernel, yTrain, 0.1, 1e-3, 5, rng);
        double SpamAccuracy(int[][] rows, int[] labels) =>
            100.0 * Enumerable.Range(0, rows.Length).Count(i => ((rows[i].Sum(w => kernel.W[w]) + bSpam) >= 0 ? 1 : 0) == labels[i]) / rows.Length;
        double trainAcc = SpamAccuracy(trainWords, yTrain);
        double testAcc = SpamAccuracy(SparseRows(test.GetNumeric("Xtest")), test.GetNumeric("ytest").ToInt32());
        var vocab = ReadVocabulary(data.File("ex6/vocab.txt"));
        var top = Enumerable.Range(0, vocabSize).OrderByDescending(w => kernel.W[w]).Take(15).ToList();
        plots.Draw("spam_top_predictors.png", path => Charts.Bar(path, top.Select(w => vocab[w]).ToList(), top.Select(w => kernel.W[w]).ToList(),
            "Top predictors of spam (linear SVM weights)", "weight"));

        return new Ex6Result
        {
            GaussianKernelValue = kernelValue,
            Dataset1Accuracy = acc1,
            Dataset2Accuracy = acc2,
            Dataset3C = bestC,
            Dataset3Sigma = bestSigma,
            Dataset3ValidationAccuracy = bestAcc,
            SpamTrainAccuracy = trainAcc,
            SpamTestAccuracy = testAcc,
            TopSpamPredictors = top.Select(w => vocab[w]).ToList(),
            Plots = plots.Written,
        };
    }

    /// <summary>vocab.txt ("1\taa" per line) as 0-based words (<c>getVocabList</c>).</summary>
    public static string[] ReadVocabulary(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t', ' ')[^1].Trim()).ToArray();

    private static (double[][] X, int[] Y) Load(CourseData data, string file, string xName, string yName)
    {
        var mat = data.Mat(file);
        var x = mat.GetMatrix(xName);
        var rows = Enumerable.Range(0, x.GetLength(0)).Select(i => Enumerable.Range(0, x.GetLength(1)).Select(j => x[i, j]).ToArray()).ToArray();
        return (rows, mat.GetNumeric(yName).ToInt32());
    }

    private static int[][] SparseRows(DlPath.Data.Formats.Mat.MatNumericArray x)
    {
        int rows = x.Rows, cols = x.Columns;
        var result = new int[rows][];
        for (int i = 0; i < rows; i++)
        {
            var words = new List<int>();
            for (int j = 0; j < cols; j++)
            {
                double v = x.Values[i * cols + j];
                if (v == 1)
                {
                    words.Add(j);
                }
                else if (v != 0)
                {
                    throw new InvalidDataException($"spam features: row {i + 1}, column {j + 1} is {v}; the course's features are 0/1 word indicators");
                }
            }
            result[i] = [.. words];
        }
        return result;
    }

    private static double Accuracy(Model model, double[][] x, int[] y) =>
        100.0 * Enumerable.Range(0, x.Length).Count(i => model.Predict(x[i]) == y[i]) / x.Length;

    private static void DrawBoundary(PlotSink plots, string file, string title, double[][] x, int[] y, Model model)
    {
        plots.Draw(file, path =>
        {
            using var fig = new Figure(title, "x₁", "x₂");
            var xs = x.Select(r => r[0]).ToArray();
            var ys = x.Select(r => r[1]).ToArray();
            Charts.ScatterByClass(fig, xs, ys, y, new Dictionary<int, string> { [1] = "y = 1", [0] = "y = 0" });
            fig.DecisionBoundary((a, b) => model.Output([a, b]), xs.Min(), xs.Max(), ys.Min(), ys.Max(), resolution: 100);
            fig.SavePng(path);
        });
    }
}
