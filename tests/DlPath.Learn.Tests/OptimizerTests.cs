using DlPath.Learn.Optimization;

namespace DlPath.Learn.Tests;

public sealed class OptimizerTests
{
    // Rosenbrock: f = (1 − a)² + 100 (b − a²)², minimum 0 at (1, 1).
    private static (double, double[]) Rosenbrock(double[] t)
    {
        double a = t[0], b = t[1];
        double f = (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
        return (f, [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]);
    }

    [Fact]
    public void FmincgFindsTheRosenbrockMinimum()
    {
        var r = Fmincg.Minimize(Rosenbrock, [-1.2, 1], 200);
        Assert.Equal(1, r.Theta[0], 4);
        Assert.Equal(1, r.Theta[1], 4);
        Assert.True(r.CostHistory.Zip(r.CostHistory.Skip(1)).All(p => p.Second <= p.First), "fmincg's accepted costs never increase");
    }

    [Fact]
    public void LbfgsFindsTheRosenbrockMinimum()
    {
        var r = Lbfgs.Minimize(Rosenbrock, [-1.2, 1], 500, 1e-8, functionTolerance: 0);
        Assert.Equal(1, r.Theta[0], 5);
        Assert.Equal(1, r.Theta[1], 5);
        Assert.True(r.Converged);
    }

    [Fact]
    public void GradientDescentOnAQuadraticConvergesGeometrically()
    {
        var r = GradientDescent.Minimize(t => ((t[0] - 3) * (t[0] - 3), [2 * (t[0] - 3)]), [0], 0.25, 50);
        Assert.Equal(3, r.Theta[0], 10);
        Assert.Equal(50, r.CostHistory.Count);
    }

    [Fact]
    public void BadArgumentsAreExplained()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Minimize(Rosenbrock, [0, 0], -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fmincg.Minimize(Rosenbrock, [0, 0], 0));
    }
}
