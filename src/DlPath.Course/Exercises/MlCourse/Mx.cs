using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>The few matrix idioms the course's vectorised Octave code uses, on MathNet.Numerics.</summary>
internal static class Mx
{
    public static MatrixBuilder<double> M => Matrix<double>.Build;

    public static VectorBuilder<double> V => Vector<double>.Build;

    public static Matrix<double> From(double[,] a) => M.DenseOfArray(a);

    /// <summary>
    /// A vector of <paramref name="length"/> draws of <paramref name="draw"/>, in index order on this thread. Not
    /// <c>V.Dense(n, init)</c>: MathNet may run that initialiser on several threads at once, and a shared
    /// <see cref="Random"/> is not thread-safe (concurrent draws corrupt its state; a normal sampler then never
    /// leaves its rejection loop).
    /// </summary>
    public static Vector<double> Draws(int length, Func<double> draw)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = draw();
        return V.Dense(values);
    }

    /// <summary>A rows x cols matrix of draws, filled column by column on this thread (see <see cref="Draws(int, Func{double})"/>).</summary>
    public static Matrix<double> Draws(int rows, int cols, Func<double> draw)
    {
        var values = new double[rows * cols];
        for (int i = 0; i < values.Length; i++) values[i] = draw();
        return M.Dense(rows, cols, values);
    }

    /// <summary><c>[ones(m, 1) X]</c>.</summary>
    public static Matrix<double> AddOnes(Matrix<double> x) => x.InsertColumn(0, V.Dense(x.RowCount, 1.0));

    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public static Vector<double> Sigmoid(Vector<double> z) => z.Map(Sigmoid);

    public static Matrix<double> Sigmoid(Matrix<double> z) => z.Map(Sigmoid);

    /// <summary>Index of the largest entry of each row (the <c>[~, p] = max(h, [], 2)</c> idiom), 0-based.</summary>
    public static int[] ArgMaxRows(Matrix<double> h)
    {
        var result = new int[h.RowCount];
        for (int i = 0; i < h.RowCount; i++)
        {
            result[i] = h.Row(i).MaximumIndex();
        }
        return result;
    }

    /// <summary>Percentage of equal entries.</summary>
    public static double AccuracyPercent(int[] predicted, int[] actual)
    {
        int hit = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            hit += predicted[i] == actual[i] ? 1 : 0;
        }
        return 100.0 * hit / actual.Length;
    }

    /// <summary>Sample standard deviation with N-1, as Octave's <c>std</c>.</summary>
    public static double Std(Vector<double> v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
    }
}
