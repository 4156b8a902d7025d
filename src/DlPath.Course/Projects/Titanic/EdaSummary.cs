using System.Text;
using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>What <see cref="TitanicEda.Summarize"/> found.</summary>
/// <param name="Describe">pandas-style <c>describe()</c> of train.csv's numeric columns.</param>
/// <param name="Missing">Missing values per column in both files.</param>
/// <param name="Survival">Survival rate by sex, class, age band, family size and port.</param>
/// <param name="TrainRows">Rows of train.csv.</param>
/// <param name="TestRows">Rows of test.csv.</param>
public sealed record EdaSummary(DataFrame Describe, DataFrame Missing, IReadOnlyList<SurvivalTable> Survival, int TrainRows, int TestRows)
{
    /// <summary>The summary as the text the program prints.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append($"train.csv: {TrainRows} passengers, test.csv: {TestRows} passengers\n\n");
        sb.Append("describe() of train.csv\n").Append(FrameText.Format(Describe, 2)).Append('\n');
        sb.Append("missing values per column\n").Append(FrameText.Format(Missing)).Append('\n');
        foreach (var table in Survival)
        {
            sb.Append($"survival by {table.By}\n").Append(FrameText.Format(table.ToDataFrame())).Append('\n');
        }
        return sb.ToString();
    }
}
