using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>One group of a survival table: how many passengers, how many survived.</summary>
/// <param name="Group">The group's label (e.g. "female", "3", "18-29").</param>
/// <param name="Passengers">Passengers in the group.</param>
/// <param name="Survivors">Of those, how many survived.</param>
public sealed record SurvivalRow(string Group, int Passengers, int Survivors)
{
    /// <summary>Survivors / passengers.</summary>
    public double Rate => Passengers == 0 ? double.NaN : (double)Survivors / Passengers;
}

/// <summary>The survival rate by one characteristic (sex, class, ...).</summary>
/// <param name="By">What the groups are.</param>
/// <param name="Rows">One row per group.</param>
public sealed record SurvivalTable(string By, IReadOnlyList<SurvivalRow> Rows)
{
    /// <summary>The table as a DataFrame: group, passengers, survived, rate.</summary>
    public DataFrame ToDataFrame() => new(
        new StringDataFrameColumn(By, Rows.Select(r => r.Group)),
        new Int32DataFrameColumn("passengers", Rows.Select(r => (int?)r.Passengers)),
        new Int32DataFrameColumn("survived", Rows.Select(r => (int?)r.Survivors)),
        new DoubleDataFrameColumn("rate", Rows.Select(r => (double?)r.Rate)));
}
