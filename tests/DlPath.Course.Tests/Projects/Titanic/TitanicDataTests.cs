using DlPath.Course.Projects.Titanic;
using DlPath.Data.Formats.Text;

namespace DlPath.Course.Tests.Projects.Titanic;

public class TitanicDataTests
{
    [Fact]
    public void SharedFilesLoadCompletely()
    {
        var data = TitanicTestData.Dataset;
        Assert.Equal(891, data.Train.Count);
        Assert.Equal(418, data.Test.Count);
        Assert.Equal(Enumerable.Range(892, 418), data.Test.Select(p => p.PassengerId));
        Assert.All(data.Train, p => Assert.NotNull(p.Survived));
        Assert.All(data.Test, p => Assert.Null(p.Survived));
        Assert.Equal(342, data.Train.Count(p => p.Survived == 1));
        var braund = data.Train[0];
        Assert.Equal(("Braund, Mr. Owen Harris", "male", 22.0, "A/5 21171", 7.25, (string?)null, "S", 2),
            (braund.Name, braund.Sex, braund.Age!.Value, braund.Ticket, braund.Fare!.Value, braund.Cabin, braund.Embarked, braund.Line));
    }

    [Fact]
    public void DataFrameKeepsNullsAndColumns()
    {
        var frame = TitanicTestData.Dataset.TrainFrame();
        Assert.Equal(891, frame.Rows.Count);
        Assert.Equal(12, frame.Columns.Count);
        Assert.Equal(177, frame.Columns["Age"].NullCount);
        Assert.Equal(687, frame.Columns["Cabin"].NullCount);
        var test = TitanicTestData.Dataset.TestFrame();
        Assert.Equal(-1, test.Columns.IndexOf("Survived"));
        Assert.Equal(1, test.Columns["Fare"].NullCount);
    }

    [Fact]
    public void GoodSmallFilesParse()
    {
        var train = TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TrainHeader, TitanicTestData.TrainRows), "train.csv", labelled: true);
        Assert.Equal(3, train.Count);
        Assert.Null(train[2].Age);
        Assert.Null(train[2].Embarked);
        Assert.Equal("C85", train[1].Cabin);
        Assert.Equal(4, train[2].Line);
    }

    [Fact]
    public void MissingColumnIsNamed()
    {
        var header = TitanicTestData.TestHeader.Replace(",Age", "");
        var rows = TitanicTestData.TestRows.Select(r => r.Replace(",34.5", "").Replace(",47", ""));
        var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Parse(TitanicTestData.Csv(header, rows), "test.csv", labelled: false));
        Assert.Equal("Age", ex.Column);
        Assert.Equal(1, ex.Line);
        Assert.Contains("test.csv: line 1, column 'Age': missing column 'Age'", ex.Message);
        Assert.Contains("the header has PassengerId, Pclass, Name", ex.Message);
    }

    [Fact]
    public void TrainWithoutSurvivedIsRejected()
    {
        var ex = Assert.Throws<TitanicDataException>(() =>
            TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TestHeader, TitanicTestData.TestRows), "train.csv", labelled: true));
        Assert.Equal("Survived", ex.Column);
    }

    [Fact]
    public void NonNumericValueNamesRowAndColumn()
    {
        var rows = TitanicTestData.TrainRows.ToArray();
        rows[1] = rows[1].Replace(",38,", ",thirty-eight,");
        var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TrainHeader, rows), "train.csv", labelled: true));
        Assert.Equal((3, 2, "Age"), (ex.Line, ex.PassengerId!.Value, ex.Column));
        Assert.Equal("train.csv: line 3 (PassengerId 2), column 'Age': 'thirty-eight' is not a number >= 0 (leave the field empty when it is unknown)", ex.Message);
    }

    [Fact]
    public void WrongFieldCountNamesTheLine()
    {
        var rows = TitanicTestData.TrainRows.ToArray();
        rows[2] += ",extra";
        var ex = Assert.Throws<CsvFormatException>(() => TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TrainHeader, rows), "train.csv", labelled: true));
        Assert.Equal(4, ex.Line);
        Assert.Contains("13 fields but the header has 12", ex.Message);
    }

    [Fact]
    public void EmptyRequiredValueIsAnError()
    {
        var rows = TitanicTestData.TestRows.ToArray();
        rows[0] = rows[0].Replace(",male,", ",,");
        var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TestHeader, rows), "test.csv", labelled: false));
        Assert.Equal((2, 892, "Sex"), (ex.Line, ex.PassengerId!.Value, ex.Column));
        Assert.Contains("the value is empty; it must be one of female, male", ex.Message);
    }

    [Theory]
    [InlineData("Embarked", ",Q", ",X", "unknown category 'X'; the model knows C, Q, S")]
    [InlineData("Pclass", "892,3,", "892,4,", "unknown category '4'; the model knows 1, 2, 3")]
    [InlineData("Sex", ",male,", ",Male,", "unknown category 'Male'; the model knows female, male")]
    public void UnknownCategoryInTestNamesRowAndColumn(string column, string from, string to, string detail)
    {
        var rows = TitanicTestData.TestRows.ToArray();
        rows[0] = rows[0].Replace(from, to);
        var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TestHeader, rows), "test.csv", labelled: false));
        Assert.Equal($"test.csv: line 2 (PassengerId 892), column '{column}': {detail}", ex.Message);
    }

    [Fact]
    public void DuplicateIdsAreRejected()
    {
        var rows = TitanicTestData.TestRows.ToArray();
        rows[1] = rows[1].Replace("893,", "892,");
        var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Parse(TitanicTestData.Csv(TitanicTestData.TestHeader, rows), "test.csv", labelled: false));
        Assert.Contains("line 3 (PassengerId 892), column 'PassengerId': duplicate id (first seen on line 2)", ex.Message);
    }

    [Fact]
    public void LoadReportsAMissingFileAndIdsSharedByBothFiles()
    {
        var dir = TitanicTestData.WriteFolder(
            TitanicTestData.Csv(TitanicTestData.TrainHeader, TitanicTestData.TrainRows),
            TitanicTestData.Csv(TitanicTestData.TestHeader, TitanicTestData.TestRows.Select(r => r.Replace("893,", "3,"))));
        try
        {
            var ex = Assert.Throws<TitanicDataException>(() => TitanicData.Load(dir));
            Assert.Equal((3, 3, "PassengerId"), (ex.Line, ex.PassengerId!.Value, ex.Column));
            File.Delete(Path.Combine(dir, TitanicData.TestFile));
            var missing = Assert.Throws<FileNotFoundException>(() => TitanicData.Load(dir));
            Assert.Contains("test.csv is not in", missing.Message);
            Assert.Contains("dlpath data get titanic", missing.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
