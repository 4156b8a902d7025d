namespace DlPath.Learn.Metrics;

/// <summary>Regression metrics (scikit-learn's <c>mean_squared_error</c>, <c>mean_absolute_error</c>, <c>r2_score</c>).</summary>
public static class RegressionMetrics
{
    /// <summary>Mean squared error.</summary>
    public static double MeanSquaredError(double[] yTrue, double[] yPred)
    {
        Same("MeanSquaredError", yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            double e = yTrue[i] - yPred[i];
            s += e * e;
        }
        return s / yTrue.Length;
    }

    /// <summary>Mean absolute error.</summary>
    public static double MeanAbsoluteError(double[] yTrue, double[] yPred)
    {
        Same("MeanAbsoluteError", yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            s += Math.Abs(yTrue[i] - yPred[i]);
        }
        return s / yTrue.Length;
    }

    /// <summary>R² = 1 − SS_res / SS_tot (1 for a perfect fit; as scikit-learn, 1 or 0 when y is constant).</summary>
    public static double R2(double[] yTrue, double[] yPred)
    {
        Same("R2", yTrue, yPred);
        double mean = yTrue.Average(), res = 0, tot = 0;
        for (int i = 0; i < yTrue.Length; i++)
        {
            res += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i]);
            tot += (yTrue[i] - mean) * (yTrue[i] - mean);
        }
        if (tot == 0)
        {
            return res == 0 ? 1 : 0;
        }
        return 1 - res / tot;
    }

    internal static void Same(string op, double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"{op}: y_true has {a.Length} values but y_pred has {b.Length}");
        }
        if (a.Length == 0)
        {
            throw new ArgumentException($"{op}: no samples");
        }
    }
}
