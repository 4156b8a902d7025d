using DlPath.Data.Formats.Text;

namespace DlPath.Data.Tests.Text;

public class CsvReaderTests
{
    [Fact]
    public void Quotes_escaped_quotes_embedded_delimiters_and_newlines()
    {
        var csv = "id,name,note\r\n1,\"Braund, Mr. Owen\",plain\r\n2,\"He said \"\"hi\"\"\",\"two\nlines\"\r\n3,,\"\"\r\n";
        var t = CsvReader.Parse(csv, "q.csv");
        Assert.Equal(["id", "name", "note"], t.Header!);
        Assert.Equal(3, t.RowCount);
        Assert.Equal(["1", "Braund, Mr. Owen", "plain"], t.Rows[0]);
        Assert.Equal(["2", "He said \"hi\"", "two\nlines"], t.Rows[1]);
        Assert.Equal(["3", "", ""], t.Rows[2]);
        Assert.Equal(2, t.LineOf(0));
        Assert.Equal(3, t.LineOf(1));
        Assert.Equal(5, t.LineOf(2)); // the quoted newline moved the third record down a line
    }

    [Fact]
    public void Line_ends_bom_blank_lines_and_missing_final_newline()
    {
        var t = CsvReader.Parse("\uFEFFa;b\r1;2\n\n3;4", "s.csv", new CsvOptions { Delimiter = ';' });
        Assert.Equal(["a", "b"], t.Header!);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(["3", "4"], t.Rows[1]);
        Assert.Equal(4, t.LineOf(1));
    }

    [Fact]
    public void Utf8_bom_in_a_file_is_skipped()
    {
        using var dir = TestPaths.NewTempDir();
        var path = dir.File("bom.csv");
        File.WriteAllText(path, "x,y\n1,2\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var t = CsvReader.Read(path);
        Assert.Equal("x", t.Header![0]);
        Assert.Equal(2.0, t.GetDouble(0, 1));
    }

    [Fact]
    public void Without_header_every_record_is_data()
    {
        var t = CsvReader.Parse("1,2\n3,4\n", "n.csv", new CsvOptions { HasHeader = false });
        Assert.Null(t.Header);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 } }, t.ToMatrix());
    }

    [Fact]
    public void Unclosed_quote_names_the_line_where_it_opened()
    {
        var ex = Assert.Throws<CsvFormatException>(() => CsvReader.Parse("a,b\n1,\"open\n2,3\n", "u.csv"));
        Assert.Equal(2, ex.Line);
        Assert.Equal("column 2", ex.Column);
        Assert.Contains("never closed", ex.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var ex = Assert.Throws<CsvFormatException>(() => CsvReader.Parse("a,b\n\"x\"y,2\n", "t.csv"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("after a closing quote", ex.Message);
    }

    [Fact]
    public void Wrong_field_count_names_the_line_and_the_header()
    {
        var ex = Assert.Throws<CsvFormatException>(() => CsvReader.Parse("a,b,c\n1,2,3\n4,5\n", "w.csv"));
        Assert.Equal("w.csv: line 3: the record has 2 fields but the header has 3", ex.Message);
    }

    [Fact]
    public void Number_errors_name_line_and_column_by_header()
    {
        var t = CsvReader.Parse("Name,Age\nAnna,22\nBob,twenty\nCid,\n", "p.csv");
        var ex = Assert.Throws<CsvFormatException>(() => t.GetDoubles("Age"));
        Assert.Equal("p.csv: line 3, column 2 ('Age'): 'twenty' is not a number", ex.Message);
        var missing = Assert.Throws<CsvFormatException>(() => t.GetDouble(2, 1));
        Assert.Contains("line 4, column 2 ('Age'): the field is empty", missing.Message);
        Assert.True(double.IsNaN(t.GetDouble(2, 1, missing: double.NaN)));
        var unknown = Assert.Throws<KeyNotFoundException>(() => t.Column("Fare"));
        Assert.Contains("Name, Age", unknown.Message);
    }

    [Fact]
    public void Titanic_train_reads_with_quoted_names_and_missing_ages()
    {
        var t = CsvReader.Read(Path.Combine(TestPaths.SharedData, "titanic", "train.csv"));
        Assert.Equal(["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch", "Ticket", "Fare", "Cabin", "Embarked"], t.Header!);
        Assert.Equal(891, t.RowCount);
        Assert.Equal("Braund, Mr. Owen Harris", t.Column("Name")[0]);
        var ages = t.GetDoubles("Age", missing: double.NaN);
        Assert.Equal(177, ages.Count(double.IsNaN));
        Assert.Equal(342, t.GetDoubles("Survived").Sum());
        Assert.Contains(t.Column("Name"), n => n.Contains('"')); // names with nicknames in doubled quotes
    }

    [Fact]
    public void Gzipped_csv_is_read_transparently()
    {
        var t = CsvReader.Read(TestPaths.Sklearn("digits.csv.gz"), new CsvOptions { HasHeader = false });
        Assert.Equal(1797, t.RowCount);
        Assert.Equal(65, t.ColumnCount);
    }
}
