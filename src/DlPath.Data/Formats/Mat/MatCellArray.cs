namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A MATLAB cell array. <see cref="Cells"/> is in row-major order, like <see cref="MatNumericArray.Values"/>:
/// for an r x c cell, MATLAB's <c>C{i+1, j+1}</c> is <c>Cells[i * c + j]</c>.
/// </summary>
public sealed class MatCellArray : MatVariable
{
    internal MatCellArray(string name, int[] dims, bool isGlobal, MatVariable[] cells)
        : base(name, MatClass.Cell, dims, isGlobal)
    {
        Cells = cells;
    }

    /// <summary>The cells in row-major order; each is itself a variable with an empty name.</summary>
    public IReadOnlyList<MatVariable> Cells { get; }
}
