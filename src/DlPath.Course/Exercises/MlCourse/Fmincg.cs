using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The course's minimiser <c>fmincg</c> (Rasmussen's conjugate gradients) for the exercises' vectorised cost functions:
/// a thin adapter from MathNet vectors to <see cref="DlPath.Learn.Optimization.Fmincg"/>, so ex2–ex5 and ex8 train
/// with the same minimiser as DlPath.Learn's estimators.
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
        var result = DlPath.Learn.Optimization.Fmincg.Minimize(theta =>
        {
            var (cost, grad) = f(Vector<double>.Build.DenseOfArray(theta));
            return (cost, grad.ToArray());
        }, x0.ToArray(), maxIterations);
        return (Vector<double>.Build.DenseOfArray(result.Theta), result.CostHistory);
    }
}
