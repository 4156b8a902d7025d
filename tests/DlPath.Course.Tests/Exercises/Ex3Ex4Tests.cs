using DlPath.Course.Exercises.MlCourse;
using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex3Ex4Tests
{
    [Fact]
    public void Ex3_test_case_and_one_vs_all_on_the_digits()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex3MultiClass.Run(options);
            Assert.Equal(2.534819, r.TestCaseCost, 6);
            Assert.Equal([0.146561, -0.548558, 0.724722, 1.398003], r.TestCaseGradient.Select(g => Math.Round(g, 6)));
            // The shared data lacks ex3data1.mat: the 8x8 digits stand in, and the note says so.
            Assert.Contains("8x8", r.Note);
            Assert.Null(r.NetworkTrainAccuracy);
            // One-vs-all logistic regression fits the 8x8 training digits well (scikit-learn's gets about 99 %).
            Assert.InRange(r.OneVsAllTrainAccuracy, 95, 100);
            ExerciseTestSupport.AssertPngs(r.Plots, "digits_sample.png", "one_vs_all_weights.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }

    [Fact]
    public void Ex4_sigmoid_gradient_gradient_check_and_training()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex4NeuralNetwork.Run(options);
            Assert.Equal([0.196612, 0.235004, 0.250000, 0.235004, 0.196612], r.SigmoidGradient.Select(g => Math.Round(g, 6)));
            Assert.True(r.GradientCheckRelativeDifference < 1e-9, $"relative difference {r.GradientCheckRelativeDifference}");
            Assert.True(r.GradientCheckRelativeDifferenceLambda3 < 1e-9, $"relative difference {r.GradientCheckRelativeDifferenceLambda3}");
            Assert.Equal([25, 401, 10, 26], r.GivenWeightShapes);
            Assert.Null(r.CostGivenWeights);
            Assert.InRange(r.TrainAccuracy, 93, 100);
            Assert.True(r.TrainingCosts[^1] < r.TrainingCosts[0]);
            ExerciseTestSupport.AssertPngs(r.Plots, "hidden_layer.png", "given_hidden_layer.png", "training_cost.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }

    [Fact]
    public void Unrolling_is_column_major_and_round_trips_the_given_weights()
    {
        var data = new CourseData(ExerciseTestSupport.NoPlots);
        var mat = data.Mat("ex4/ex4weights.mat");
        var t1 = Matrix<double>.Build.DenseOfArray(mat.GetMatrix("Theta1"));
        var t2 = Matrix<double>.Build.DenseOfArray(mat.GetMatrix("Theta2"));
        var p = NeuralNetworkCost.Unroll(t1, t2);
        Assert.Equal(25 * 401 + 10 * 26, p.Count);
        Assert.Equal(t1[1, 0], p[1]); // MATLAB's Theta1(:) runs down the first column first
        var (r1, r2) = NeuralNetworkCost.Reroll(p, 400, 25, 10);
        Assert.Equal(t1, r1);
        Assert.Equal(t2, r2);
        var e = Assert.Throws<ArgumentException>(() => NeuralNetworkCost.Reroll(p, 64, 25, 10));
        Assert.Contains("64-25-10", e.Message);
    }

    [Fact]
    public void Network_cost_by_hand_for_a_tiny_net()
    {
        // 1-1-1 network, all weights 0: h = 0.5 for the single example, so J = -log(0.5) = log 2 (λ has no weights to penalise but 0).
        var p = Vector<double>.Build.Dense(4);
        var (j, grad) = NeuralNetworkCost.Compute(p, 1, 1, 1, Matrix<double>.Build.DenseOfArray(new double[,] { { 2 } }), [0], 5);
        Assert.Equal(Math.Log(2), j, 12);
        // Output gradient wrt its bias: h - y = -0.5.
        Assert.Equal(-0.5, grad[2], 12);
    }
}
