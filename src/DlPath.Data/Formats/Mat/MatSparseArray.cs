namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A MATLAB sparse matrix in its stored compressed-sparse-column form: the non-zeros of column j are
/// <c>Values[ColumnStarts[j] .. ColumnStarts[j+1]]</c> at rows <c>RowIndices[...]</c> (zero-based).
/// <see cref="ToDense"/> expands it into a row-major <see cref="MatNumericArray"/>.
/// </summary>
public sealed class MatSparseArray : MatVariable
{
    internal MatSparseArray(string name, int[] dims, bool isGlobal, bool isLogical, int[] rowIndices, int[] columnStarts, double[] values)
        : base(name, MatClass.Sparse, dims, isGlobal)
    {
        IsLogical = isLogical;
        RowIndices = rowIndices;
        ColumnStarts = columnStarts;
        Values = values;
    }

    /// <summary>Whether the sparse matrix is logical.</summary>
    public bool IsLogical { get; }

    /// <summary>Row index (zero-based) of each stored value.</summary>
    public IReadOnlyList<int> RowIndices { get; }

    /// <summary>Index into <see cref="Values"/> where each column starts; one more entry than there are columns.</summary>
    public IReadOnlyList<int> ColumnStarts { get; }

    /// <summary>The stored (non-zero) values, column by column.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The matrix with its zeros filled in, row-major like every numeric array of the reader.</summary>
    public MatNumericArray ToDense()
    {
        int rows = Dims[0], cols = Dims[1];
        var dense = new double[checked(rows * cols)];
        for (int j = 0; j < cols; j++)
        {
            for (int k = ColumnStarts[j]; k < ColumnStarts[j + 1]; k++)
            {
                dense[RowIndices[k] * cols + j] += Values[k];
            }
        }
        return new MatNumericArray(Name, MatClass.Double, [rows, cols], IsGlobal, IsLogical, dense, null);
    }
}
