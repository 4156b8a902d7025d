using DlPath.Tensors;

namespace DlPath.NN;

/// <summary>Argmax over class scores without building tensors: the shared core of the classification metrics.</summary>
internal static class Predictions
{
    /// <summary>The index of the largest score in each row of a (N, C) output; checks the target is int64 (N).</summary>
    public static int[] ArgMaxRows(Tensor output, Tensor target, string metric)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (output.Rank != 2 || target.Rank != 1 || output.Size(0) != target.Size(0))
        {
            throw new ShapeException($"{metric}: expected outputs (N, C) and class-index targets (N), got {output.ShapeString} and {target.ShapeString}");
        }

        if (target.DType != DType.Int64)
        {
            throw new ArgumentException($"{metric}: targets must be int64 class indices, got {target.DType.Name()} {target.ShapeString}");
        }

        var x = output.Detach().Contiguous();
        return x.DType switch
        {
            DType.Float32 => ArgMax<float>(x.AsSpan<float>(), x.Size(0), x.Size(1)),
            DType.Float64 => ArgMax<double>(x.AsSpan<double>(), x.Size(0), x.Size(1)),
            _ => throw new ArgumentException($"{metric}: outputs must be float scores, got {x.DType.Name()} {x.ShapeString}"),
        };
    }

    private static int[] ArgMax<T>(ReadOnlySpan<T> scores, int rows, int cols)
        where T : System.Numerics.INumber<T>
    {
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = scores.Slice(r * cols, cols);
            int best = 0;
            for (int c = 1; c < cols; c++)
            {
                // NaN compares false, so a NaN row keeps index 0 unless a NaN comes first; torch treats NaN as the max.
                if (row[c] > row[best] || (T.IsNaN(row[c]) && !T.IsNaN(row[best]))) best = c;
            }

            result[r] = best;
        }

        return result;
    }
}
