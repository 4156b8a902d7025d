using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The course's minimiser <c>fmincg</c> (Carl Edward Rasmussen's conjugate gradients with Polak-Ribière directions
/// and a line search by quadratic/cubic interpolation that keeps the Wolfe-Powell conditions), ported line by line so
/// ex3, ex4, ex5 and ex8 follow the same path as the Octave scripts.
/// </summary>
public static class Fmincg
{
    /// <summary>A cost function returning the cost and its gradient at a point.</summary>
    public delegate (double Cost, Vector<double> Gradient) CostFunction(Vector<double> x);

    /// <summary>Minimises <paramref name="f"/> from <paramref name="x0"/> for at most <paramref name="maxIterations"/> line searches.</summary>
    /// <returns>The point reached and the cost after each successful line search (the script's <c>fX</c>).</returns>
    public static (Vector<double> X, IReadOnlyList<double> Costs) Minimize(CostFunction f, Vector<double> x0, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x0);
        const double Rho = 0.01;   // Wolfe-Powell: sufficient decrease
        const double Sig = 0.5;    // Wolfe-Powell: curvature
        const double Int = 0.1;    // do not re-evaluate within 0.1 of the current bracket's limit
        const double Ext = 3.0;    // extrapolate at most 3 times the current step
        const int Max = 20;        // at most 20 evaluations per line search
        const double Ratio = 100;  // largest allowed growth of the initial step

        var x = x0.Clone();
        var costs = new List<double>();
        int i = 0;
        bool lsFailed = false;
        var (f1, df1) = f(x);
        var s = -df1;
        double d1 = -s.DotProduct(s);
        double z1 = 1.0 / (1 - d1);

        while (i < maxIterations)
        {
            i++;
            var x0Saved = x.Clone();
            double f0 = f1;
            var df0 = df1;
            x += z1 * s;
            var (f2, df2) = f(x);
            double d2 = df2.DotProduct(s);
            double f3 = f1, d3 = d1, z3 = -z1;
            int m = Max;
            bool success = false;
            double limit = -1;
            while (true)
            {
                while ((f2 > f1 + z1 * Rho * d1 || d2 > -Sig * d1) && m > 0)
                {
                    limit = z1; // tighten the bracket
                    double z2;
                    if (f2 > f1)
                    {
                        z2 = z3 - 0.5 * d3 * z3 * z3 / (d3 * z3 + f2 - f3); // quadratic fit
                    }
                    else
                    {
                        double a = 6 * (f2 - f3) / z3 + 3 * (d2 + d3); // cubic fit
                        double b = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
                        z2 = (Math.Sqrt(b * b - a * d2 * z3 * z3) - b) / a;
                    }
                    if (double.IsNaN(z2) || double.IsInfinity(z2))
                    {
                        z2 = z3 / 2; // bisect when the fit fails
                    }
                    z2 = Math.Max(Math.Min(z2, Int * z3), (1 - Int) * z3);
                    z1 += z2;
                    x += z2 * s;
                    (f2, df2) = f(x);
                    m--;
                    d2 = df2.DotProduct(s);
                    z3 -= z2;
                }
                if (f2 > f1 + z1 * Rho * d1 || d2 > -Sig * d1)
                {
                    break; // failure
                }
                if (d2 > Sig * d1)
                {
                    success = true;
                    break;
                }
                if (m == 0)
                {
                    break;
                }
                double a2 = 6 * (f2 - f3) / z3 + 3 * (d2 + d3); // cubic extrapolation
                double b2 = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
                double z = -d2 * z3 * z3 / (b2 + Math.Sqrt(b2 * b2 - a2 * d2 * z3 * z3));
                if (double.IsNaN(z) || double.IsInfinity(z) || z < 0)
                {
                    z = limit < -0.5 ? z1 * (Ext - 1) : (limit - z1) / 2;
                }
                else if (limit > -0.5 && z + z1 > limit)
                {
                    z = (limit - z1) / 2;
                }
                else if (limit < -0.5 && z + z1 > z1 * Ext)
                {
                    z = z1 * (Ext - 1.0);
                }
                else if (z < -z3 * Int)
                {
                    z = -z3 * Int;
                }
                else if (limit > -0.5 && z < (limit - z1) * (1.0 - Int))
                {
                    z = (limit - z1) * (1.0 - Int);
                }
                f3 = f2;
                d3 = d2;
                z3 = -z;
                z1 += z;
                x += z * s;
                (f2, df2) = f(x);
                m--;
                d2 = df2.DotProduct(s);
            }

            if (success)
            {
                f1 = f2;
                costs.Add(f1);
                // Polak-Ribière direction.
                s = (df2.DotProduct(df2) - df1.DotProduct(df2)) / df1.DotProduct(df1) * s - df2;
                (df1, df2) = (df2, df1);
                d2 = df1.DotProduct(s);
                if (d2 > 0)
                {
                    s = -df1; // not a descent direction: restart with steepest descent
                    d2 = -s.DotProduct(s);
                }
                z1 *= Math.Min(Ratio, d1 / (d2 - double.Epsilon));
                d1 = d2;
                lsFailed = false;
            }
            else
            {
                x = x0Saved; // restore the point from before the failed line search
                f1 = f0;
                df1 = df0;
                if (lsFailed || i > maxIterations)
                {
                    break; // failed twice in a row or out of time
                }
                (df1, df2) = (df2, df1);
                s = -df1;
                d1 = -s.DotProduct(s);
                z1 = 1 / (1 - d1);
                lsFailed = true;
            }
        }
        return (x, costs);
    }
}
