using DlPath.Course.Review.Bank;

namespace DlPath.Course.Tests.Review;

public sealed class BankParserTests
{
    private const string Header = "#! dlpath-bank 1\narea: math\nversion: 1\n\n";

    [Fact]
    public void ParsesAllKindsAndContinuationLines()
    {
        string text = Header + """
            @ math.x.1 | linear-algebra | recall | 2 | phase2/linear-algebra, ml/week1
            Q: First line
              second line
            A: Answer

            # a comment
            @ math.x.2 | linear-algebra | choice | 1 | phase2/linear-algebra
            Q: Pick one
            - no
            * yes
              indeed
            - never

            @ math.x.3 | linear-algebra | generated | 3 | phase2/linear-algebra
            Q: Eigen
            G: eigenvalue-2x2
            """;
        var file = BankParser.Parse("math.cards", text);
        Assert.Equal(Area.Math, file.Area);
        Assert.Equal(3, file.Cards.Count);
        var recall = file.Cards[0];
        Assert.Equal("First line\nsecond line", recall.Question);
        Assert.Equal(["phase2/linear-algebra", "ml/week1"], recall.Tasks);
        Assert.Equal(2, recall.Difficulty);
        Assert.Equal("math.cards:5", recall.Source);
        var choice = file.Cards[1];
        Assert.Equal(1, choice.CorrectOption);
        Assert.Equal("yes indeed", choice.Options[1]);
        Assert.Equal("eigenvalue-2x2", file.Cards[2].GeneratorId);
    }

    [Theory]
    [InlineData("@ math.x.1 | t | recall | 1 | phase2/a\nQ: q\n", "math.cards:5: recall card 'math.x.1' has no answer")]
    [InlineData("@ ml.x.1 | t | recall | 1 | phase2/a\nQ: q\nA: a\n", "math.cards:5: card id 'ml.x.1' must start with 'math.'")]
    [InlineData("@ math.x.1 | t | essay | 1 | phase2/a\n", "unknown kind 'essay'")]
    [InlineData("@ math.x.1 | t | recall | 5 | phase2/a\n", "difficulty '5' must be 1, 2 or 3")]
    [InlineData("@ math.x.1 | t | recall | 1 | nowhere\n", "must be roadmap ids")]
    [InlineData("@ math.x.1 | t | choice | 1 | phase2/a\nQ: q\n- a\n* b\n", "needs at least 3 options")]
    [InlineData("@ math.x.1 | t | choice | 1 | phase2/a\nQ: q\n* a\n* b\n- c\n", "math.cards:8: card 'math.x.1': more than one option")]
    [InlineData("@ math.x.1 | t | generated | 1 | phase2/a\nQ: q\nG: nope\n", "no generator 'nope'")]
    [InlineData("@ math.x.1 | t | recall | 1 | phase2/a\nQ: q\nA: a\n@ math.x.1 | t | recall | 1 | phase2/a\nQ: r\nA: a\n", "math.cards:8: duplicate card id 'math.x.1'")]
    [InlineData("@ math.x.1 | t | recall | 1 | phase2/a\nZ: what\n", "math.cards:6: card 'math.x.1': expected 'Q:'")]
    public void ReportsProblemsWithFileAndLine(string body, string expected)
    {
        var e = Assert.Throws<FormatException>(() => BankParser.Parse("math.cards", Header + body));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresTheFormatLine()
    {
        var e = Assert.Throws<FormatException>(() => BankParser.Parse("x.cards", "area: math\n"));
        Assert.StartsWith("x.cards:1:", e.Message, StringComparison.Ordinal);
    }
}
