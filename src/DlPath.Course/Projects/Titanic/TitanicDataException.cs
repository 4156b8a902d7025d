using DlPath.Data.Formats;

namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// train.csv or test.csv cannot be used as it is: a required column is missing, a value does not parse, a
/// required value is empty, or a category is not one the model knows. The message names the file, the line,
/// the passenger and the column, so a learner can open the file and fix the row.
/// </summary>
public sealed class TitanicDataException : DataFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file name (e.g. <c>test.csv</c>).</param>
    /// <param name="line">1-based line in the file; 1 for a header problem.</param>
    /// <param name="passengerId">The row's PassengerId when it could be read, else null.</param>
    /// <param name="column">The column's header name, or null for a whole-row problem.</param>
    /// <param name="detail">What is wrong, without the location.</param>
    public TitanicDataException(string fileName, int line, int? passengerId, string? column, string detail)
        : base(fileName, Compose(fileName, line, passengerId, column, detail))
    {
        Line = line;
        PassengerId = passengerId;
        Column = column;
        Detail = detail;
    }

    /// <summary>1-based line in the file.</summary>
    public int Line { get; }

    /// <summary>The PassengerId of the offending row, when known.</summary>
    public int? PassengerId { get; }

    /// <summary>The column's header name, or null for a whole-row problem.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Detail { get; }

    private static string Compose(string fileName, int line, int? passengerId, string? column, string detail)
    {
        var where = $"{fileName}: line {line}";
        if (passengerId is int id)
        {
            where += $" (PassengerId {id})";
        }
        if (column is not null)
        {
            where += $", column '{column}'";
        }
        return $"{where}: {detail}";
    }
}
