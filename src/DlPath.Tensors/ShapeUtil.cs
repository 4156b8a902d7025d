using System.Text;

namespace DlPath.Tensors;

/// <summary>Shape arithmetic shared by every op: sizes, contiguous strides, broadcasting, dim wrapping.</summary>
public static class ShapeUtil
{
    /// <summary>Number of elements of a shape (1 for a scalar, the empty shape).</summary>
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }

        if (n > Array.MaxLength)
        {
            throw new ArgumentException($"shape {Format(shape)} has {n} elements, more than one .NET array can hold ({Array.MaxLength})");
        }

        return (int)n;
    }

    /// <summary>Row-major (C order) strides of a shape, in elements.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    /// <summary>Formats a shape as PyTorch users read it: <c>(64,784)</c>; a scalar is <c>()</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(shape[i]);
        }

        return sb.Append(')').ToString();
    }

    /// <summary>
    /// The broadcast shape of two shapes under NumPy rules (align right; each pair of sizes equal or one of
    /// them 1), or an error naming the op and both shapes.
    /// </summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ShapeException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast: dim {i - rank} is {da} vs {db}");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Wraps a possibly negative dim into [0, rank), or throws naming the op.</summary>
    public static int WrapDim(int dim, int rank, string op)
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
        {
            throw new ShapeException($"{op}: dim {dim} is out of range for a tensor of rank {rank} (expected {-r}..{r - 1})");
        }

        return dim < 0 ? dim + r : dim;
    }

    /// <summary>True when two shapes are equal.</summary>
    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
