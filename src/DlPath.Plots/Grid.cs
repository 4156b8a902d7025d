namespace DlPath.Plots;

/// <summary>Evenly spaced values, as MATLAB's <c>linspace</c> / NumPy's <c>np.linspace</c>.</summary>
public static class Grid
{
    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive.</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        if (count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "linspace: need at least 2 points");
        }
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = start + (stop - start) * i / (count - 1);
        }
        return result;
    }

    /// <summary>Evaluates <paramref name="f"/> on the grid: <c>z[i, j] = f(xs[i], ys[j])</c>.</summary>
    public static double[,] Evaluate(double[] xs, double[] ys, Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var z = new double[xs.Length, ys.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            for (int j = 0; j < ys.Length; j++)
            {
                z[i, j] = f(xs[i], ys[j]);
            }
        }
        return z;
    }
}
