using DlPath.Course.Exercises.MlCourse;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex8Tests
{
    [Fact]
    public void Ex8_prints_the_course_values_and_draws_its_figures()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex8AnomalyRecommender.Run(options);
            Assert.Equal(8.990853e-05, r.Epsilon, 10);
            Assert.Equal(0.875, r.F1, 6);
            Assert.Equal(6, r.Outliers);
            Assert.Equal(1.377229, r.HighDimEpsilon * 1e18, 5);
            Assert.Equal(0.615385, r.HighDimF1, 6);
            Assert.Equal(117, r.HighDimOutliers);

            Assert.Equal(3.878319, r.ToyStoryAverageRating, 6);
            Assert.Equal(22.224604, r.CofiCost, 5);
            Assert.Equal(31.344056, r.CofiCostLambda15, 5);
            Assert.True(r.CofiGradientCheck < 1e-9, $"{r.CofiGradientCheck}");
            Assert.True(r.CofiGradientCheckLambda15 < 1e-9, $"{r.CofiGradientCheckLambda15}");
            Assert.Equal("Toy Story (1995)", r.NewUserRatings[0].Title);
            Assert.Equal(11, r.NewUserRatings.Count);
            Assert.Equal(10, r.TopRecommendations.Count);
            // As in the Octave run of ex8_cofi.m: with mean normalisation and λ = 10 the top of the list is the ten
            // movies rated 5 by their only rater (predicted 5.0), in an order that depends on the random start.
            string[] expectedTop =
            [
                "Aiqing wansui (1994)", "Saint of Fort Washington, The (1993)", "Great Day in Harlem, A (1994)", "Star Kid (1997)",
                "Santa with Muscles (1996)", "Someone Else's America (1995)", "Entertaining Angels: The Dorothy Day Story (1996)",
                "Marlene Dietrich: Shadow and Light (1996)", "They Made Me a Criminal (1939)", "Prefontaine (1997)",
            ];
            Assert.Equal(expectedTop.Order(), r.TopRecommendations.Select(t => t.Title).Order());
            Assert.All(r.TopRecommendations, t => Assert.Equal(5.0, t.Rating, 3));
            ExerciseTestSupport.AssertPngs(r.Plots, "gaussian_fit.png", "high_dim_log_density.png", "ratings_heatmap.png",
                "cofi_training_cost.png", "top_recommendations.png");
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }
}
