using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Prints a small <see cref="DataFrame"/> as an aligned text table (as pandas prints one): text left-aligned,
/// numbers right-aligned with a fixed number of decimals, nulls as <c>NaN</c>.
/// </summary>
public static class FrameText
{
    /// <summary>The whole frame as lines of text.</summary>
    /// <param name="frame">The table (every row is printed: keep it small).</param>
    /// <param name="decimals">Decimals for floating-point cells.</param>
    public static string Format(DataFrame frame, int decimals = 3)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int cols = frame.Columns.Count;
        var cells = new string[frame.Rows.Count + 1, cols];
        var numeric = new bool[cols];
        for (int c = 0; c < cols; c++)
        {
            var column = frame.Columns[c];
            cells[0, c] = column.Name;
            numeric[c] = column.IsNumericColumn();
            for (long r = 0; r < frame.Rows.Count; r++)
            {
                cells[r + 1, c] = Cell(column[r], decimals);
            }
        }
        var widths = new int[cols];
        for (int c = 0; c < cols; c++)
        {
            for (int r = 0; r < cells.GetLength(0); r++)
            {
                widths[c] = Math.Max(widths[c], cells[r, c].Length);
            }
        }
        var sb = new StringBuilder();
        for (int r = 0; r < cells.GetLength(0); r++)
        {
            for (int c = 0; c < cols; c++)
            {
                if (c > 0)
                {
                    sb.Append("  ");
                }
                sb.Append(numeric[c] ? cells[r, c].PadLeft(widths[c]) : cells[r, c].PadRight(widths[c]));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Cell(object? value, int decimals) => value switch
    {
        null => "NaN",
        double d when double.IsNaN(d) => "NaN",
        double d => d.ToString("F" + decimals, CultureInfo.InvariantCulture),
        float f => f.ToString("F" + decimals, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
