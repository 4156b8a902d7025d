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
    }
}
