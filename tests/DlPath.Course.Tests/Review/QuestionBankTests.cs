using System.Text.Json;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Generators;

namespace DlPath.Course.Tests.Review;

public sealed class QuestionBankTests
{
    private static QuestionBank Bank => QuestionBank.Default;

    [Fact]
    public void EmbeddedBankIsValid()
    {
        var problems = BankValidator.Validate(Bank);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void BankHasAtLeast400CardsInEveryAreaAndKind()
    {
        Assert.True(Bank.Cards.Count >= 400, $"{Bank.Cards.Count} cards");
        foreach (var area in Enum.GetValues<Area>())
        {
            Assert.Contains(Bank.Cards, c => c.Area == area);
        }

        foreach (var kind in Enum.GetValues<CardKind>())
        {
            Assert.Contains(Bank.Cards, c => c.Kind == kind);
        }

        Assert.Equal(4, Bank.Versions.Count);
    }

    [Fact]
    public void AreaWeightsAreWithinTwoPointsOfTheGuide()
    {
        var w = BankValidator.Weights(Bank);
        Assert.InRange(w[Area.Math], 0.38, 0.42);
        Assert.InRange(w[Area.Ml], 0.28, 0.32);
        Assert.InRange(w[Area.Dl], 0.28, 0.32);
    }

    [Fact]
    public void MathCoversItsFourSubjects()
    {
        var topics = Bank.InArea(Area.Math).Select(c => c.Topic).ToHashSet();
        Assert.Superset(new HashSet<string> { "linear-algebra", "matrix-calculus", "probability-statistics", "optimization" }, topics);
    }

    [Fact]
    public void EveryGeneratorIsInTheBankAndEveryGeneratedCardChecksItself()
    {
        var generated = Bank.Cards.Where(c => c.Kind == CardKind.Generated).ToList();
        Assert.Equal(GeneratorRegistry.All.Select(g => g.Id).Order(), generated.Select(c => c.GeneratorId!).Order());
        var rng = new Random(3);
        foreach (var card in generated)
        {
            var shown = QuestionBank.Present(card, rng);
            Assert.True(shown.Check(shown.Answer), $"{card.Id}: {shown.Prompt} / {shown.Answer}");
        }
    }

    [Fact]
    public void ChoiceCardsAreShuffledButStillCheckedCorrectly()
    {
        var card = Bank.Cards.First(c => c.Kind == CardKind.Choice);
        var orders = new HashSet<string>();
        for (int seed = 0; seed < 30; seed++)
        {
            var shown = QuestionBank.Present(card, new Random(seed));
            orders.Add(string.Join("|", shown.Options));
            int i = shown.CorrectIndex!.Value;
            Assert.Equal(card.Options[card.CorrectOption!.Value], shown.Options[i]);
            Assert.True(shown.Check((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(shown.Check(((char)('a' + i)).ToString()));
            Assert.False(shown.Check(((i + 1) % shown.Options.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.True(orders.Count > 1);
    }

    [Fact]
    public void RecallCardsAreSelfGraded()
    {
        var card = Bank.Cards.First(c => c.Kind == CardKind.Recall);
        Assert.Null(QuestionBank.Present(card, new Random(1)).Check("anything"));
    }

    [Fact]
    public void EveryCardHasRoadmapTasks()
    {
        Assert.All(Bank.Cards, c => Assert.NotEmpty(c.Tasks));
        Assert.Contains("math/linear-algebra", Bank.TaskIds);
        Assert.Contains("ml/week3", Bank.TaskIds);
        Assert.Contains("dl/framework", Bank.TaskIds);
        Assert.Contains("dl/fastai", Bank.TaskIds);
        Assert.Contains("dls/course1", Bank.TaskIds);
    }

    [Fact]
    public void DeckJsonHasTheDocumentedShape()
    {
        using var doc = JsonDocument.Parse(QuestionBank.ToDeckJson(Bank.InArea(Area.Dsa)));
        var cards = doc.RootElement.GetProperty("cards");
        Assert.Equal(Bank.InArea(Area.Dsa).Count(), cards.GetArrayLength());
        var first = cards[0];
        Assert.Equal("dsa", first.GetProperty("area").GetString());
        Assert.StartsWith("dsa.", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("tasks").ValueKind);
        Assert.NotNull(first.GetProperty("kind").GetString());
        Assert.NotNull(first.GetProperty("topic").GetString());
    }

    [Fact]
    public void ValidatorReportsDuplicatesAndBadWeights()
    {
        const string text = """
            #! dlpath-bank 1
            area: ml
            version: t

            @ ml.a.1 | t | recall | 1 | ml/week1
            Q: What is overfitting?
            A: x

            @ ml.a.2 | t | recall | 1 | ml/week1
            Q: what is  OVERFITTING ?
            A: y
            """;
        var bank = QuestionBank.Parse([("ml.cards", text)]);
        var problems = BankValidator.Validate(bank, minimumCards: 1);
        Assert.Contains(problems, p => p.Contains("duplicate question", StringComparison.Ordinal) && p.Contains("ml.a.2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("area math", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("data-structures", StringComparison.Ordinal));
    }
}
