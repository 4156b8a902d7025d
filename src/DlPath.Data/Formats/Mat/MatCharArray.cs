namespace DlPath.Data.Formats.Mat;

/// <summary>
/// A MATLAB character array. An r x c char matrix holds r strings of length c (MATLAB pads shorter rows
/// with spaces); <see cref="Lines"/> gives them in order and <see cref="Text"/> the single row of a
/// 1 x c string.
/// </summary>
public sealed class MatCharArray : MatVariable
{
    internal MatCharArray(string name, int[] dims, bool isGlobal, string[] lines)
        : base(name, MatClass.Char, dims, isGlobal)
    {
        Lines = lines;
    }

    /// <summary>The rows of the char matrix, one string each (trailing dimensions folded into the columns).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text of a one-row char array; rows of a multi-row array are joined with '\n'.</summary>
    public string Text => string.Join('\n', Lines);
}
