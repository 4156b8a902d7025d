using DlPath.Course.Exercises.MlCourse;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex2Tests
{
    [Fact]
    public void Ex2_prints_the_course_values_and_draws_its_figures()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex2LogisticRegression.Run(options);
            Assert.Equal(0.693147, r.CostAtZero, 6);
            Assert.Equal([-0.1000, -12.0092, -11.2628], r.GradientAtZero.Select(g => Math.Round(g, 4)));
            Assert.Equal(0.218330, r.CostAtTestTheta, 6);
            Assert.Equal([0.042903, 2.566234, 2.646797], r.GradientAtTestTheta.Select(g => Math.Round(g, 6)));
            Assert.Equal(0.203498, r.OptimizedCost, 5);
            Assert.Equal(-25.161, r.OptimizedTheta[0], 1);
            Assert.Equal(0.206, r.OptimizedTheta[1], 2);
            Assert.Equal(0.201, r.OptimizedTheta[2], 2);
            Assert.Equal(0.776, r.AdmissionProbability, 2);
            Assert.Equal(89.0, r.TrainAccuracy, 6);

            Assert.Equal(0.693147, r.RegCostAtZero, 6);
            Assert.Equal([0.0085, 0.0188, 0.0001, 0.0503, 0.0115], r.RegGradientAtZeroFirst5.Select(g => Math.Round(g, 4)));
            Assert.Equal(3.1645, r.RegCostAtOnes, 4);
            Assert.Equal([0.3460, 0.1614, 0.1948, 0.2269, 0.0922], r.RegGradientAtOnesFirst5.Select(g => Math.Round(g, 4)));
            Assert.Equal(83.050847, r.RegTrainAccuracy, 4);
            // λ = 0 over-fits (higher training accuracy), λ = 100 under-fits.
            Assert.True(r.RegTrainAccuracyByLambda["0"] > r.RegTrainAccuracyByLambda["100"]);

            ExerciseTestSupport.AssertPngs(r.Plots, "data.png", "decision_boundary.png", "reg_decision_boundary_lambda_1.png", "reg_decision_boundary_lambda_100.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }

    [Fact]
    public void Map_feature_has_28_monomials_in_the_course_order()
    {
        var m = LogisticCost.MapFeature(Vector<double>.Build.DenseOfArray([2]), Vector<double>.Build.DenseOfArray([3]));
        Assert.Equal(28, m.ColumnCount);
        // 1, x1, x2, x1², x1·x2, x2², ... , x2⁶
        Assert.Equal([1.0, 2, 3, 4, 6, 9], m.Row(0).SubVector(0, 6).ToArray());
        Assert.Equal(729, m[0, 27]);
    }

    [Fact]
    public void Logistic_gradient_matches_finite_differences()
    {
        var rng = new Random(3);
        var x = Matrix<double>.Build.Dense(7, 4, (_, j) => j == 0 ? 1 : rng.NextDouble() * 2 - 1);
        var y = Vector<double>.Build.Dense(7, i => i % 2);
        var theta = Vector<double>.Build.Dense(4, _ => rng.NextDouble() - 0.5);
        var (_, grad) = LogisticCost.Compute(theta, x, y, 0.7);
        for (int j = 0; j < 4; j++)
        {
            var plus = theta.Clone();
            var minus = theta.Clone();
            plus[j] += 1e-5;
            minus[j] -= 1e-5;
            double numeric = (LogisticCost.Compute(plus, x, y, 0.7).Cost - LogisticCost.Compute(minus, x, y, 0.7).Cost) / 2e-5;
            Assert.Equal(numeric, grad[j], 8);
        }
    }
}
