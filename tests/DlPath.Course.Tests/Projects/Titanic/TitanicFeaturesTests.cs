using DlPath.Course.Projects.Titanic;

namespace DlPath.Course.Tests.Projects.Titanic;

public class TitanicFeaturesTests
{
    private static readonly Lazy<TitanicFeatures> Features =
        new(() => TitanicFeatures.Fit(TitanicTestData.Dataset.Train, TitanicTestData.Dataset.Test));

    [Theory]
    [InlineData("Braund, Mr. Owen Harris", "Mr")]
    [InlineData("Heikkinen, Miss. Laina", "Miss")]
    [InlineData("Palsson, Master. Gosta Leonard", "Master")]
    [InlineData("Aubart, Mme. Leontine Pauline", "Mrs")]
    [InlineData("Reynaldo, Ms. Encarnacion", "Miss")]
    [InlineData("Rothes, the Countess. of (Lucy Noel Martha Dyer-Edwards)", "Rare")]
    [InlineData("Byles, Rev. Thomas Roussel Davids", "Rare")]
    [InlineData("No title here", "Rare")]
    public void TitleFromName(string name, string title) => Assert.Equal(title, TitanicFeatures.Title(name));

    [Fact]
    public void ImputationIsCounted()
    {
        var imputed = Features.Value.Imputed.ToDictionary(c => c.Column);
        Assert.Equal((177, 86), (imputed["Age"].Train, imputed["Age"].Test));
        Assert.Equal((0, 1), (imputed["Fare"].Train, imputed["Fare"].Test));
        Assert.Equal((2, 0), (imputed["Embarked"].Train, imputed["Embarked"].Test));
        Assert.Equal(1014, imputed["Cabin"].Rows);
        Assert.Contains("(S)", imputed["Embarked"].Method);
    }

    [Fact]
    public void MissingAgeIsTheMedianOfTitleAndClass()
    {
        var train = TitanicTestData.Dataset.Train;
        var moran = train.Single(p => p.PassengerId == 6); // "Moran, Mr. James", 3rd class, no age
        Assert.Null(moran.Age);
        var ages = train.Where(p => p.Age is not null && p.Pclass == 3 && p.Name.Contains(", Mr. ", StringComparison.Ordinal))
            .Select(p => p.Age!.Value).OrderBy(a => a).ToList();
        double median = ages.Count % 2 == 1 ? ages[ages.Count / 2] : (ages[(ages.Count / 2) - 1] + ages[ages.Count / 2]) / 2;
        Assert.Equal(median, Features.Value.ImputedAge(moran), 12);
        Assert.Equal(22.0, Features.Value.ImputedAge(train[0]));
    }

    [Fact]
    public void GroupFeatures()
    {
        var f = Features.Value;
        var train = TitanicTestData.Dataset.Train;
        // Ticket 347082 (the Andersson family) has 7 passengers in train.csv and none in test.csv.
        var andersson = train.First(p => p.Ticket == "347082");
        Assert.Equal(7, f.TicketGroupSize(andersson));
        Assert.Equal(31.275 / 7, f.FarePerPerson(andersson), 12);
        Assert.Equal("ABC", TitanicFeatures.Deck(train[1], "train.csv")); // cabin C85
        Assert.Equal("U", TitanicFeatures.Deck(train[0], "train.csv"));
        var bad = train[1] with { Cabin = "Z12" };
        var ex = Assert.Throws<TitanicDataException>(() => TitanicFeatures.Deck(bad, "train.csv"));
        Assert.Equal("train.csv: line 3 (PassengerId 2), column 'Cabin': unknown category: 'Z12' does not start with a deck letter A-G or T", ex.Message);
    }

    [Fact]
    public void MatrixIsCompleteAndNamed()
    {
        var f = Features.Value;
        var x = f.Transform(TitanicTestData.Dataset.Train, "train.csv");
        var t = f.Transform(TitanicTestData.Dataset.Test, "test.csv");
        Assert.Equal((891, f.Names.Count), (x.GetLength(0), x.GetLength(1)));
        Assert.Equal((418, f.Names.Count), (t.GetLength(0), t.GetLength(1)));
        Assert.All(x.Cast<double>().Concat(t.Cast<double>()), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(f.Names.Count, f.Names.Distinct().Count());
        // Each passenger has exactly one title, one deck group and one port.
        foreach (var prefix in new[] { "Title_", "Deck_", "Embarked_" })
        {
            var cols = f.Names.Select((n, i) => (n, i)).Where(c => c.n.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.i).ToList();
            for (int r = 0; r < 891; r++)
            {
                Assert.Equal(1.0, cols.Sum(c => x[r, c]));
            }
        }
        // Fare bands are quartiles: each band holds roughly a quarter of train.csv.
        int band = f.Names.ToList().IndexOf("FareBand");
        var counts = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 891).Count(r => x[r, band] == b)).ToList();
        Assert.All(counts, c => Assert.InRange(c, 150, 300));
        Assert.Equal([0.0, 1.0], TitanicFeatures.Labels(TitanicTestData.Dataset.Train).Distinct().Order());
    }
}
