using DlPath.Course.Exercises.MlCourse;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex1Tests
{
    [Fact]
    public void Ex1_prints_the_course_values_and_draws_its_figures()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex1LinearRegression.Run(options);
            Assert.Equal(32.0727, r.CostAtZero, 4);
            Assert.Equal(54.2425, r.CostAtMinusOneTwo, 4);
            Assert.Equal(-3.6303, r.ThetaGradientDescent[0], 4);
            Assert.Equal(1.1664, r.ThetaGradientDescent[1], 4);
            Assert.Equal(4519.767868, r.ProfitFor35000, 3);
            Assert.Equal(45342.450129, r.ProfitFor70000, 3);
            Assert.Equal(1500, r.CostHistory.Length);
            Assert.True(r.CostHistory[^1] < r.CostHistory[0]);

            Assert.Equal(2000.68, r.MultiMu[0], 2);
            Assert.Equal(794.70, r.MultiSigma[0], 2);
            Assert.Equal(334302.063993, r.MultiThetaGradientDescent[0], 3);
            Assert.Equal(100087.116006, r.MultiThetaGradientDescent[1], 3);
            Assert.Equal(3673.548451, r.MultiThetaGradientDescent[2], 3);
            Assert.Equal(289314.620338, r.MultiPriceGradientDescent, 3);
            Assert.Equal(89597.909544, r.MultiThetaNormalEquation[0], 3);
            Assert.Equal(139.210674, r.MultiThetaNormalEquation[1], 5);
            Assert.Equal(-8738.019113, r.MultiThetaNormalEquation[2], 3);
            Assert.Equal(293081.464335, r.MultiPriceNormalEquation, 3);

            ExerciseTestSupport.AssertPngs(r.Plots, "data_and_fit.png", "cost_history.png", "cost_contour.png", "cost_surface_heatmap.png", "multi_cost_history.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }

    [Fact]
    public void Compute_cost_matches_a_hand_computed_case()
    {
        // X = [1 1; 1 2], y = (1, 3), θ = (0, 1): residuals (0, -1) -> J = 1 / (2*2) = 0.25.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 2 } });
        var y = Vector<double>.Build.DenseOfArray([1, 3]);
        Assert.Equal(0.25, Ex1LinearRegression.ComputeCost(x, y, Vector<double>.Build.DenseOfArray([0, 1])), 12);
    }
}
