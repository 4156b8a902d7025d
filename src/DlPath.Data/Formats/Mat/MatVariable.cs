namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A variable (or a cell / struct-field element) read from a MAT file: its name, MATLAB class and dimensions.
/// Concrete kinds are <see cref="MatNumericArray"/> (numeric and logical), <see cref="MatCharArray"/>,
/// <see cref="MatCellArray"/>, <see cref="MatStructArray"/> and <see cref="MatSparseArray"/>.
/// </summary>
public abstract class MatVariable
{
    private protected MatVariable(string name, MatClass matClass, int[] dims, bool isGlobal)
    {
        Name = name;
        Class = matClass;
        Dims = dims;
        IsGlobal = isGlobal;
    }

    /// <summary>The variable's name; empty for the elements of cell arrays and struct fields.</summary>
    public string Name { get; }

    /// <summary>The MATLAB class the array was saved as.</summary>
    public MatClass Class { get; }

    /// <summary>The dimensions as MATLAB reports them (<c>size(x)</c>); always at least two.</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>Whether the variable was declared <c>global</c> when saved.</summary>
    public bool IsGlobal { get; }

    /// <summary>The number of elements (product of <see cref="Dims"/>).</summary>
    public int Count => MatLayout.Product(Dims);

    /// <summary>The dimensions written MATLAB-style, e.g. <c>25x401</c>.</summary>
    public string DimsText => string.Join("x", Dims);

    /// <inheritdoc />
    public override string ToString() => $"{(Name.Length == 0 ? "<unnamed>" : Name)}: {DimsText} {Class}";
}
