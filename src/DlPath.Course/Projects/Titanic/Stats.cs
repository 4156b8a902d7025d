namespace DlPath.Course.Projects.Titanic;

/// <summary>The few statistics the project computes by hand (pandas' defaults).</summary>
internal static class Stats
{
    /// <summary>The q-quantile of sorted values with linear interpolation (numpy's default); NaN when empty.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The median of values in any order.</summary>
    public static double Median(IEnumerable<double> values) => Quantile(values.OrderBy(v => v).ToList(), 0.5);

    /// <summary>Mean and standard deviation; <paramref name="ddof"/> 0 is numpy's <c>std</c>, 1 is pandas'.</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values, int ddof)
    {
        int n = values.Count;
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }
        double mean = values.Average();
        double std = n - ddof > 0 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - ddof)) : double.NaN;
        return (mean, std);
    }

    /// <summary>Pearson correlation of two equally long columns (NaN when one is constant).</summary>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ma, sa) = MeanStd(a, 0);
        var (mb, sb) = MeanStd(b, 0);
        double cov = 0;
        for (int i = 0; i < a.Count; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
        }
        return cov / a.Count / (sa * sb);
    }
}
