using DlPath.Course.Exercises.MlCourse;

namespace DlPath.Course.Tests.Exercises;

public sealed class Ex7Tests
{
    [Fact]
    public void Ex7_prints_the_course_values_and_draws_its_figures()
    {
        var options = ExerciseTestSupport.WithPlots(out var dir);
        try
        {
            var r = Ex7KMeansPca.Run(options);
            Assert.Equal([1, 3, 2], r.ClosestCentroidsFirst3);
            double[][] expected = [[2.428301, 3.157924], [5.813503, 2.633656], [7.119387, 3.616684]];
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k][0], r.CentroidsAfterFirstStep[k][0], 6);
                Assert.Equal(expected[k][1], r.CentroidsAfterFirstStep[k][1], 6);
            }
            Assert.Equal(16, r.BirdPalette.Length);
            Assert.All(r.BirdPalette, c => Assert.All(c, v => Assert.InRange(v, 0, 1)));
            // 16 colours leave little error per pixel (the channels are in 0..1).
            Assert.InRange(r.BirdDistortion, 0.001, 0.02);

            // An eigenvector's sign is arbitrary: compare up to sign, and check the projection's sign goes with it.
            double sign = Math.Sign(r.TopEigenvector[0]) == -1 ? 1 : -1;
            Assert.Equal(-0.707107, sign * r.TopEigenvector[0], 6);
            Assert.Equal(-0.707107, sign * r.TopEigenvector[1], 6);
            Assert.Equal(1.481274, sign * r.FirstProjection, 6);
            Assert.Equal(-1.047419, r.FirstRecovery[0], 6);
            Assert.Equal(-1.047419, r.FirstRecovery[1], 6);

            Assert.Contains("8x8", r.Note);
            Assert.Equal(16, r.FacesReducedDimensions);
            Assert.InRange(r.FacesVarianceRetained, 0.6, 0.95);
            ExerciseTestSupport.AssertPngs(r.Plots, "kmeans_progress.png", "pca_eigenvectors.png", "pca_projection.png",
                "faces_original.png", "faces_eigenvectors.png", "faces_recovered.png");
            // The bird pictures are 128x128 enlarged 3 times.
            foreach (var name in new[] { "bird_original.png", "bird_compressed_16_colours.png" })
            {
                Assert.Equal((384, 384), DlPath.Plots.Images.PngSize(r.Plots.Single(p => p.EndsWith(name, StringComparison.Ordinal))));
            }
        }
        finally
        {
            ExerciseTestSupport.Cleanup(dir);
        }
    }
}
