using DlPath.Course.Exercises.MlCourse;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex5Tests
{
    [Fact]
    public void Ex5_prints_the_course_values_and_draws_its_figures()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex5BiasVariance.Run(options);
            Assert.Equal(303.993192, r.CostAtOnes, 5);
            Assert.Equal(-15.303016, r.GradientAtOnes[0], 5);
            Assert.Equal(598.250744, r.GradientAtOnes[1], 5);
            Assert.Equal(13.087907, r.LinearTheta[0], 4);
            Assert.Equal(0.367779, r.LinearTheta[1], 5);
            // The learning-curve table ex5.m prints.
            double[] train = [0, 0, 3.286595, 2.842678, 13.154049, 19.443963, 20.098522, 18.172859, 22.609405, 23.261462, 24.317250, 22.373906];
            double[] val = [205.121096, 110.300366, 45.010231, 48.368911, 35.865165, 33.829962, 31.970986, 30.862446, 31.135998, 28.936207, 29.551432, 29.433818];
            for (int i = 0; i < 12; i++)
            {
                Assert.Equal(train[i], r.LearningCurveTrainError[i], 4);
                Assert.Equal(val[i], r.LearningCurveValidationError[i], 4);
            }
            Assert.Equal([1.0, -0.362141, -0.755087, 0.182226, -0.706190, 0.306618, -0.590878, 0.344516, -0.508481],
                r.NormalizedFirstExample.Select(v => Math.Round(v, 6)));
            // λ = 0 over-fits the 12 points: near-zero training error.
            Assert.True(r.PolyLearningCurveTrainError[^1] < 0.5);
            Assert.Equal(3, r.SelectedLambda);
            Assert.Equal(3.8599, r.TestError, 2);
            ExerciseTestSupport.AssertPngs(r.Plots, "data_and_linear_fit.png", "learning_curve_linear.png", "poly_fit_lambda_0.png",
                "poly_fit_lambda_1.png", "poly_fit_lambda_100.png", "learning_curve_poly_lambda_0.png", "validation_curve.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }
}
