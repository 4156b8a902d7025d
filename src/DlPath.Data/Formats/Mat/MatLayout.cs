namespace DlPath.Data.Formats.Mat;

/// <summary>
/// Index arithmetic between MATLAB's column-major storage (first index fastest) and the row-major
/// (C / NumPy / DlPath) order (last index fastest) that the reader hands out.
/// </summary>
internal static class MatLayout
{
    /// <summary>Product of the dimensions, with an overflow check (a corrupt file can declare anything).</summary>
    public static int Product(IReadOnlyList<int> dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            n *= d;
            if (n > int.MaxValue)
            {
                throw new OverflowException($"dimensions {string.Join("x", dims)} hold more than {int.MaxValue} elements");
            }
        }
        return (int)n;
    }

    /// <summary>
    /// Reorders <paramref name="columnMajor"/> (as stored in the file) into row-major order.
    /// For a 2-D r x c matrix, row-major element (i, j) is column-major element j*r + i.
    /// </summary>
    public static T[] ToRowMajor<T>(T[] columnMajor, IReadOnlyList<int> dims)
    {
        int n = columnMajor.Length;
        int rank = dims.Count;
        if (n <= 1 || CountNonSingleton(dims) <= 1)
        {
            return columnMajor; // a vector or scalar is the same in both orders
        }
        var result = new T[n];
        if (rank == 2)
        {
            // A transpose, done in tiles so that both the strided reads and the writes stay in cache
            // (a plain double loop misses the cache on every read for matrices like spamTrain's 4000x1899).
            const int tile = 32;
            int rows = dims[0], cols = dims[1];
            for (int i0 = 0; i0 < rows; i0 += tile)
            {
                int iEnd = Math.Min(i0 + tile, rows);
                for (int j0 = 0; j0 < cols; j0 += tile)
                {
                    int jEnd = Math.Min(j0 + tile, cols);
                    for (int i = i0; i < iEnd; i++)
                    {
                        for (int j = j0; j < jEnd; j++)
                        {
                            result[i * cols + j] = columnMajor[j * rows + i];
                        }
                    }
                }
            }
            return result;
        }

        // General n-d: walk the row-major order with a multi-index (last index fastest) and keep the
        // column-major source offset in step, using column-major strides.
        var colStride = new int[rank];
        colStride[0] = 1;
        for (int k = 1; k < rank; k++)
        {
            colStride[k] = colStride[k - 1] * dims[k - 1];
        }
        var index = new int[rank];
        int src = 0;
        for (int dst = 0; dst < n; dst++)
        {
            result[dst] = columnMajor[src];
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                src += colStride[k];
                if (index[k] < dims[k])
                {
                    break;
                }
                src -= colStride[k] * dims[k];
                index[k] = 0;
            }
        }
        return result;
    }

    private static int CountNonSingleton(IReadOnlyList<int> dims)
    {
        int c = 0;
        foreach (var d in dims)
        {
            if (d != 1)
            {
                c++;
            }
        }
        return c;
    }
}
