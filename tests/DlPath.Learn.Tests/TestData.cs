using DlPath.Data.Datasets;
using DlPath.Data.Formats.Mat;
using DlPath.Data.Formats.Text;

namespace DlPath.Learn.Tests;

/// <summary>The ML course's files from the shared data folder, and small numeric helpers.</summary>
internal static class TestData
{
    public static string CourseFile(string relative) => DataLocator.Default.FindFile("ml-course", relative);

    public static double[,] Text(string relative) => NumericText.ReadMatrix(CourseFile(relative));

    public static MatFile Mat(string relative) => MatFile.Read(CourseFile(relative));

    public static double[] Column(double[,] m, int j) => Enumerable.Range(0, m.GetLength(0)).Select(i => m[i, j]).ToArray();

    public static double[,] Columns(double[,] m, int from, int to)
    {
        var r = new double[m.GetLength(0), to - from];
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = from; j < to; j++)
            {
                r[i, j - from] = m[i, j];
            }
        }
        return r;
    }

    /// <summary>Centered differences, h = 1e-5 (as the course's computeNumericalGradient).</summary>
    public static double[] NumericGradient(Func<double[], double> f, double[] theta, double h = 1e-5)
    {
        var g = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            g[k] = (f(plus) - f(minus)) / (2 * h);
        }
        return g;
    }

    /// <summary>max |a − b| / max(1e-8, |a| + |b|) over all entries (DESIGN.md's relative error).</summary>
    public static double RelativeError(double[] a, double[] b)
    {
        double num = 0, den = 0;
        for (int k = 0; k < a.Length; k++)
        {
            num = Math.Max(num, Math.Abs(a[k] - b[k]));
            den = Math.Max(den, Math.Abs(a[k]) + Math.Abs(b[k]));
        }
        return num / Math.Max(1e-8, den);
    }

    public static double[,] Blobs(int perClass, (double X, double Y)[] centres, double spread, int seed, out double[] y)
    {
        var rng = new Random(seed);
        var x = new double[perClass * centres.Length, 2];
        y = new double[perClass * centres.Length];
        for (int c = 0; c < centres.Length; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                int row = c * perClass + i;
                x[row, 0] = centres[c].X + spread * Gaussian(rng);
                x[row, 1] = centres[c].Y + spread * Gaussian(rng);
                y[row] = c;
            }
        }
        return x;
    }

    public static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
