using DlPath.Course.Projects.Titanic;

namespace DlPath.Course.Tests.Projects.Titanic;

public class TitanicEdaTests
{
    private static readonly Lazy<EdaSummary> Summary = new(() => TitanicEda.Summarize(TitanicTestData.Dataset));

    private static SurvivalRow Row(string by, string group) =>
        Summary.Value.Survival.Single(t => t.By == by).Rows.Single(r => r.Group == group);

    [Fact]
    public void SurvivalBySexAndClassMatchesTheKnownCounts()
    {
        Assert.Equal((314, 233), (Row("sex", "female").Passengers, Row("sex", "female").Survivors));
        Assert.Equal((577, 109), (Row("sex", "male").Passengers, Row("sex", "male").Survivors));
        Assert.Equal((216, 136), (Row("class", "1").Passengers, Row("class", "1").Survivors));
        Assert.Equal((184, 87), (Row("class", "2").Passengers, Row("class", "2").Survivors));
        Assert.Equal((491, 119), (Row("class", "3").Passengers, Row("class", "3").Survivors));
        Assert.Equal(233.0 / 314, Row("sex", "female").Rate, 12);
    }

    [Fact]
    public void EveryPassengerIsInExactlyOneGroupOfEachTable()
    {
        Assert.Equal(["sex", "class", "age band", "family size", "port"], Summary.Value.Survival.Select(t => t.By));
        Assert.All(Summary.Value.Survival, t => Assert.Equal(891, t.Rows.Sum(r => r.Passengers)));
        Assert.All(Summary.Value.Survival, t => Assert.Equal(342, t.Rows.Sum(r => r.Survivors)));
        Assert.Equal(["0-11", "12-17", "18-29", "30-44", "45-59", "60+", "unknown"], Summary.Value.Survival[2].Rows.Select(r => r.Group));
        Assert.Equal(177, Row("age band", "unknown").Passengers);
        Assert.Equal(["1", "2", "3", "4", "5+"], Summary.Value.Survival[3].Rows.Select(r => r.Group));
        Assert.Equal(537, Row("family size", "1").Passengers);
        Assert.Equal(["C", "Q", "S", "missing"], Summary.Value.Survival[4].Rows.Select(r => r.Group));
        Assert.Equal((2, 2), (Row("port", "missing").Passengers, Row("port", "missing").Survivors));
    }

    [Fact]
    public void DescribeMatchesPandas()
    {
        // pandas: train.describe() -> Age count 714, mean 29.699118, std 14.526497, 25% 20.125, 50% 28, 75% 38.
        var d = Summary.Value.Describe;
        Assert.Equal(["count", "mean", "std", "min", "25%", "50%", "75%", "max"], d.Columns[0].Cast<string>());
        var age = d.Columns["Age"];
        Assert.Equal(714.0, (double)age[0]!);
        Assert.Equal(29.699118, (double)age[1]!, 6);
        Assert.Equal(14.526497, (double)age[2]!, 6);
        Assert.Equal(0.42, (double)age[3]!, 12);
        Assert.Equal(20.125, (double)age[4]!, 12);
        Assert.Equal(28.0, (double)age[5]!, 12);
        Assert.Equal(38.0, (double)age[6]!, 12);
        Assert.Equal(32.204208, (double)d.Columns["Fare"][1]!, 6);
        Assert.Equal(-1, d.Columns.IndexOf("Name"));
    }

    [Fact]
    public void MissingValuesPerColumn()
    {
        var m = Summary.Value.Missing;
        long Get(string column, string file) => (long)m.Columns[file][Enumerable.Range(0, (int)m.Rows.Count).Single(i => (string)m.Columns["column"][i] == column)]!;
        Assert.Equal((177L, 86L), (Get("Age", "train_missing"), Get("Age", "test_missing")));
        Assert.Equal((687L, 327L), (Get("Cabin", "train_missing"), Get("Cabin", "test_missing")));
        Assert.Equal((2L, 0L), (Get("Embarked", "train_missing"), Get("Embarked", "test_missing")));
        Assert.Equal((0L, 1L), (Get("Fare", "train_missing"), Get("Fare", "test_missing")));
        Assert.Equal(0L, Get("Survived", "test_missing"));
    }

    [Fact]
    public void TextShowsEveryTable()
    {
        var text = Summary.Value.ToText();
        Assert.Contains("train.csv: 891 passengers, test.csv: 418 passengers", text);
        Assert.Contains("describe() of train.csv", text);
        Assert.Contains("survival by port", text);
        Assert.Matches(@"female\s+314\s+233\s+0\.742", text);
    }
}
