using System.Text.Json;
using DlPath.Course.Exercises.MlCourse;

namespace DlPath.Course.Tests.Exercises;

public sealed class ExerciseJsonTests
{
    [Fact]
    public void Results_serialise_with_stable_snake_case_names()
    {
        var r = Ex1LinearRegression.Run(ExerciseTestSupport.NoPlots);
        using var doc = JsonDocument.Parse(ExerciseJson.Serialize(r));
        var root = doc.RootElement;
        Assert.Equal(r.CostAtZero, root.GetProperty("cost_at_zero").GetDouble(), 12);
        Assert.Equal(2, root.GetProperty("theta_gradient_descent").GetArrayLength());
        Assert.Equal(r.MultiPriceNormalEquation, root.GetProperty("multi_price_normal_equation").GetDouble(), 6);
        Assert.Equal(0, root.GetProperty("plots").GetArrayLength());
        Assert.Equal(r.ProfitFor35000, root.GetProperty("profit_for35000").GetDouble(), 6);
    }
}

public sealed class MlCourseExercisesTests
{
    [Fact]
    public void Unknown_exercise_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => MlCourseExercises.Run("ex9", new ExerciseOptions()));
        Assert.Contains("ex9", e.Message);
        Assert.Contains("ex1, ex2", e.Message);
    }

    [Fact]
    public void Missing_data_folder_file_is_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("dlpath-mlex-empty").FullName;
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => MlCourseExercises.Run("ex1", new ExerciseOptions(DataDirectory: empty)));
            Assert.Contains("ex1/ex1data1.txt", e.Message);
            Assert.Contains("dlpath data get ml-course", e.Message);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void Run_by_name_returns_the_exercise_result()
    {
        Assert.IsType<Ex5Result>(MlCourseExercises.Run("EX5", new ExerciseOptions()));
    }
}
