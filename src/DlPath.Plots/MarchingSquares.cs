namespace DlPath.Plots;

/// <summary>
/// Contour lines of a function sampled on a grid, by marching squares: each grid cell whose corners lie on
/// both sides of the level contributes one or two straight segments, with end points placed on the cell
/// edges by linear interpolation. This is what MATLAB's <c>contour(u, v, z, [0 0])</c> draws in the course's
/// decision-boundary plots.
/// </summary>
public static class MarchingSquares
{
    /// <summary>
    /// The segments of the contour <c>z = level</c>.
    /// </summary>
    /// <param name="xs">Grid x coordinates (increasing), length nx.</param>
    /// <param name="ys">Grid y coordinates (increasing), length ny.</param>
    /// <param name="z">Values with <c>z[i, j]</c> at <c>(xs[i], ys[j])</c>, shape (nx, ny).</param>
    /// <param name="level">The contour level.</param>
    /// <returns>Segments as (x1, y1, x2, y2).</returns>
    public static IReadOnlyList<(double X1, double Y1, double X2, double Y2)> Segments(double[] xs, double[] ys, double[,] z, double level)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(z);
        if (z.GetLength(0) != xs.Length || z.GetLength(1) != ys.Length)
        {
            throw new ArgumentException(
                $"contour: z has shape ({z.GetLength(0)}, {z.GetLength(1)}) but the grid is ({xs.Length}, {ys.Length}); z[i, j] must be the value at (xs[i], ys[j])",
                nameof(z));
        }
        var segments = new List<(double, double, double, double)>();
        for (int i = 0; i + 1 < xs.Length; i++)
        {
            for (int j = 0; j + 1 < ys.Length; j++)
            {
                // Corners counter-clockwise from bottom-left: (i,j) (i+1,j) (i+1,j+1) (i,j+1).
                double v0 = z[i, j] - level, v1 = z[i + 1, j] - level, v2 = z[i + 1, j + 1] - level, v3 = z[i, j + 1] - level;
                if (double.IsNaN(v0) || double.IsNaN(v1) || double.IsNaN(v2) || double.IsNaN(v3))
                {
                    continue;
                }
                var crossings = new List<(double X, double Y)>(4);
                AddCrossing(crossings, xs[i], ys[j], v0, xs[i + 1], ys[j], v1);
                AddCrossing(crossings, xs[i + 1], ys[j], v1, xs[i + 1], ys[j + 1], v2);
                AddCrossing(crossings, xs[i + 1], ys[j + 1], v2, xs[i], ys[j + 1], v3);
                AddCrossing(crossings, xs[i], ys[j + 1], v3, xs[i], ys[j], v0);
                if (crossings.Count == 2)
                {
                    segments.Add((crossings[0].X, crossings[0].Y, crossings[1].X, crossings[1].Y));
                }
                else if (crossings.Count == 4)
                {
                    // Saddle cell: decide the pairing by the value at the centre (the usual disambiguation).
                    double centre = (v0 + v1 + v2 + v3) / 4;
                    if ((centre >= 0) == (v0 >= 0))
                    {
                        segments.Add((crossings[0].X, crossings[0].Y, crossings[3].X, crossings[3].Y));
                        segments.Add((crossings[1].X, crossings[1].Y, crossings[2].X, crossings[2].Y));
                    }
                    else
                    {
                        segments.Add((crossings[0].X, crossings[0].Y, crossings[1].X, crossings[1].Y));
                        segments.Add((crossings[2].X, crossings[2].Y, crossings[3].X, crossings[3].Y));
                    }
                }
            }
        }
        return segments;
    }

    private static void AddCrossing(List<(double X, double Y)> crossings, double xa, double ya, double va, double xb, double yb, double vb)
    {
        // An edge is crossed when its end values are on different sides; a value exactly at the level counts
        // as "above" so a contour through a grid point is not drawn twice.
        if ((va >= 0) == (vb >= 0))
        {
            return;
        }
        double t = va / (va - vb);
        crossings.Add((xa + t * (xb - xa), ya + t * (yb - ya)));
    }
}
