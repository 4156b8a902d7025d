using DlPath.Data.Formats.Text;

namespace DlPath.Data.Tests.Text;

public class NumericTextTests
{
    [Fact]
    public void Ex1_data1_is_97_rows_of_population_and_profit()
    {
        var m = NumericText.ReadMatrix(TestPaths.MlCourse("ex1/ex1data1.txt"));
        Assert.Equal(97, m.GetLength(0));
        Assert.Equal(2, m.GetLength(1));
        Assert.Equal(6.1101, m[0, 0]);
        Assert.Equal(17.592, m[0, 1]);
    }

    [Theory]
    [InlineData("ex1/ex1data2.txt", 47, 3, 2104, 399900)]
    [InlineData("ex2/ex2data1.txt", 100, 3, 34.62365962451697, 0)]
    [InlineData("ex2/ex2data2.txt", 118, 3, 0.051267, 1)]
    public void Course_text_files_have_their_known_shapes(string file, int rows, int cols, double first, double firstLast)
    {
        var m = NumericText.ReadMatrix(TestPaths.MlCourse(file));
        Assert.Equal(rows, m.GetLength(0));
        Assert.Equal(cols, m.GetLength(1));
        Assert.Equal(first, m[0, 0], 12);
        Assert.Equal(firstLast, m[0, cols - 1], 12);
    }

    [Fact]
    public void Whitespace_and_comma_separators_and_comments_are_accepted()
    {
        var m = NumericText.ParseMatrix("% a comment\n1 2\t3\n\n4,5, 6\r\n# another\n-7e-1 8 9\n", "mixed.txt");
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { -0.7, 8, 9 } }, m);
    }

    [Fact]
    public void Explicit_delimiter_keeps_empty_fields_as_errors()
    {
        var ex = Assert.Throws<CsvFormatException>(() => NumericText.ParseMatrix("1,2\n3,,4\n", "d.txt", ','));
        Assert.Equal(2, ex.Line);
        Assert.Contains("column 2", ex.Message);
    }

    [Fact]
    public void Non_number_names_line_and_column()
    {
        var ex = Assert.Throws<CsvFormatException>(() => NumericText.ParseMatrix("1,2\n3,4\n5,x7\n", "bad.txt"));
        Assert.Equal("bad.txt: line 3, column 2: 'x7' is not a number", ex.Message);
    }

    [Fact]
    public void Ragged_rows_name_both_lines()
    {
        var ex = Assert.Throws<CsvFormatException>(() => NumericText.ParseMatrix("\n1,2\n3,4,5\n", "r.txt"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("the row has 3 values but line 2 has 2", ex.Message);
    }

    [Fact]
    public void Empty_text_is_an_empty_matrix()
    {
        var m = NumericText.ParseMatrix("\n\n", "e.txt");
        Assert.Equal(0, m.GetLength(0));
    }
}
