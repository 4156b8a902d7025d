using System.Globalization;

namespace DlPath.Learn;

/// <summary>Input validation with messages that name the estimator, the call and the sizes involved.</summary>
internal static class Check
{
    /// <summary>X is non-empty and finite, y has one entry per row of X.</summary>
    public static void Xy(string op, double[,] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.GetLength(0) != y.Length)
        {
            throw new ArgumentException($"{op}: X has {x.GetLength(0)} rows but y has {y.Length}");
        }
        X(op, x);
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i]))
            {
                throw new ArgumentException($"{op}: y[{i}] is {y[i].ToString(CultureInfo.InvariantCulture)}; targets must be finite");
            }
        }
    }

    /// <summary>X has at least one row and column and only finite values.</summary>
    public static void X(string op, double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(0) == 0 || x.GetLength(1) == 0)
        {
            throw new ArgumentException($"{op}: X is empty ({x.GetLength(0)} x {x.GetLength(1)}); need at least one sample and one feature");
        }
        int n = x.GetLength(0), d = x.GetLength(1);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(x[i, j]))
                {
                    throw new ArgumentException($"{op}: X[{i}, {j}] is {x[i, j].ToString(CultureInfo.InvariantCulture)}; use SimpleImputer to fill missing values first");
                }
            }
        }
    }

    /// <summary>X has the number of features the estimator was fitted with.</summary>
    public static void Features(string op, double[,] x, int expected)
    {
        X(op, x);
        if (x.GetLength(1) != expected)
        {
            throw new ArgumentException($"{op}: X has {x.GetLength(1)} features but the estimator was fitted with {expected}");
        }
    }

    public static void Positive(string owner, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner}: {name} must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public static void NonNegative(string owner, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner}: {name} must be >= 0, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public static void AtLeast(string owner, string name, int value, int min)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner}: {name} must be >= {min}, got {value}");
        }
    }
}
