namespace DlPath.Plots.Tests;

public sealed class MarchingSquaresTests
{
    [Fact]
    public void Circle_contour_points_lie_on_the_circle()
    {
        var xs = Grid.Linspace(-2, 2, 81);
        var ys = Grid.Linspace(-2, 2, 81);
        var z = Grid.Evaluate(xs, ys, (x, y) => x * x + y * y);
        var segments = MarchingSquares.Segments(xs, ys, z, 1.0);
        Assert.True(segments.Count > 50, $"only {segments.Count} segments");
        foreach (var (x1, y1, x2, y2) in segments)
        {
            // Linear interpolation of x² + y² between grid points 0.05 apart is accurate to a few 1e-3.
            Assert.InRange(Math.Sqrt(x1 * x1 + y1 * y1), 0.995, 1.005);
            Assert.InRange(Math.Sqrt(x2 * x2 + y2 * y2), 0.995, 1.005);
        }
    }

    [Fact]
    public void Linear_boundary_is_the_exact_line()
    {
        var xs = Grid.Linspace(0, 1, 11);
        var ys = Grid.Linspace(0, 1, 11);
        var z = Grid.Evaluate(xs, ys, (x, y) => x + y - 1.05);
        var segments = MarchingSquares.Segments(xs, ys, z, 0);
        Assert.NotEmpty(segments);
        foreach (var (x1, y1, x2, y2) in segments)
        {
            Assert.Equal(1.05, x1 + y1, 10);
            Assert.Equal(1.05, x2 + y2, 10);
        }
    }

    [Fact]
    public void No_crossing_no_segments_and_shape_mismatch_is_explained()
    {
        var xs = Grid.Linspace(0, 1, 5);
        Assert.Empty(MarchingSquares.Segments(xs, xs, Grid.Evaluate(xs, xs, (x, y) => 5), 0));
        var e = Assert.Throws<ArgumentException>(() => MarchingSquares.Segments(xs, xs, new double[4, 5], 0));
        Assert.Contains("(4, 5)", e.Message);
        Assert.Contains("(5, 5)", e.Message);
    }
}
