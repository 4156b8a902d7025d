namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// A forward-mode dual number carrying the value and its gradient with respect to the 21 FSRS weights.
/// The optimizer runs the memory model on these, so every prediction comes with its exact derivative.
/// </summary>
internal readonly struct Dual
{
    public const int Size = FsrsParameters.Count;

    private Dual(double value, double[]? grad)
    {
        Value = value;
        Grad = grad;
    }

    public double Value { get; }

    /// <summary>Null for a constant (all-zero gradient), which saves allocations.</summary>
    public double[]? Grad { get; }

    public static Dual Constant(double value) => new(value, null);

    /// <summary>The i-th weight as a variable: value w[i], gradient e_i.</summary>
    public static Dual Variable(double value, int index)
    {
        var g = new double[Size];
        g[index] = 1;
        return new Dual(value, g);
    }

    public double GradAt(int i) => Grad is null ? 0 : Grad[i];

    public static implicit operator Dual(double value) => Constant(value);

    public static Dual operator +(Dual a, Dual b) => new(a.Value + b.Value, Combine(a.Grad, 1, b.Grad, 1));

    public static Dual operator -(Dual a, Dual b) => new(a.Value - b.Value, Combine(a.Grad, 1, b.Grad, -1));

    public static Dual operator -(Dual a) => new(-a.Value, Combine(a.Grad, -1, null, 0));

    // (ab)' = a'b + ab'
    public static Dual operator *(Dual a, Dual b) => new(a.Value * b.Value, Combine(a.Grad, b.Value, b.Grad, a.Value));

    // (a/b)' = a'/b - a b'/b²
    public static Dual operator /(Dual a, Dual b) =>
        new(a.Value / b.Value, Combine(a.Grad, 1 / b.Value, b.Grad, -a.Value / (b.Value * b.Value)));

    public static Dual Exp(Dual a)
    {
        double e = Math.Exp(a.Value);
        return new(e, Combine(a.Grad, e, null, 0));
    }

    public static Dual Log(Dual a) => new(Math.Log(a.Value), Combine(a.Grad, 1 / a.Value, null, 0));

    /// <summary>a^b for a &gt; 0: (a^b)' = a^b (b' ln a + b a'/a).</summary>
    public static Dual Pow(Dual a, Dual b)
    {
        double v = Math.Pow(a.Value, b.Value);
        return new(v, Combine(a.Grad, v * b.Value / a.Value, b.Grad, v * Math.Log(a.Value)));
    }

    public static Dual Min(Dual a, Dual b) => a.Value <= b.Value ? a : b;

    public static Dual Max(Dual a, Dual b) => a.Value >= b.Value ? a : b;

    public static Dual Clamp(Dual a, double lo, double hi) => a.Value < lo ? Constant(lo) : a.Value > hi ? Constant(hi) : a;

    private static double[]? Combine(double[]? x, double cx, double[]? y, double cy)
    {
        if (x is null && y is null)
        {
            return null;
        }

        var r = new double[Size];
        if (x is not null)
        {
            for (int i = 0; i < Size; i++)
            {
                r[i] = cx * x[i];
            }
        }

        if (y is not null)
        {
            for (int i = 0; i < Size; i++)
            {
                r[i] += cy * y[i];
            }
        }

        return r;
    }
}
