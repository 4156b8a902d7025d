namespace DlPath.Course.Projects.Titanic;

/// <summary>How many empty values of one column were filled in, and how.</summary>
/// <param name="Column">The CSV column.</param>
/// <param name="Train">Rows of train.csv filled in.</param>
/// <param name="Test">Rows of test.csv filled in.</param>
/// <param name="Method">How the value was chosen.</param>
public sealed record ImputedColumn(string Column, int Train, int Test, string Method)
{
    /// <summary>Train + test rows.</summary>
    public int Rows => Train + Test;
}
