namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// Feature engineering for Titanic, learned from train.csv (and, for ticket group sizes, the tickets of both
/// files, which carry no label): the title from the name with rare titles grouped, family size and travelling
/// alone, age imputed by the median of the passenger's title and class, fare per person and fare bands, cabin
/// deck, ticket group size and the port filled with the most common one. Every value filled in is counted
/// in <see cref="Imputed"/>.
/// </summary>
public sealed class TitanicFeatures
{
    /// <summary>The titles kept as their own category; every other title counts as "Rare".</summary>
    public static IReadOnlyList<string> Titles { get; } = ["Mr", "Mrs", "Miss", "Master", "Rare"];

    /// <summary>Deck groups: neighbouring decks share a group because a single deck has few passengers.</summary>
    public static IReadOnlyList<string> Decks { get; } = ["ABC", "DE", "FG", "U"];

    /// <summary>Ports, in the order of their one-hot columns.</summary>
    public static IReadOnlyList<string> Ports { get; } = ["C", "Q", "S"];

    private readonly Dictionary<(string Title, int Pclass), double> _ageByTitleClass;
    private readonly Dictionary<string, double> _ageByTitle;
    private readonly double _age;
    private readonly Dictionary<int, double> _farePerPersonByClass;
    private readonly double[] _fareBandEdges;
    private readonly string _port;
    private readonly Dictionary<string, int> _ticketCounts;

    private TitanicFeatures(IReadOnlyList<Passenger> train, IReadOnlyList<Passenger> test)
    {
        _ticketCounts = train.Concat(test).GroupBy(p => p.Ticket).ToDictionary(g => g.Key, g => g.Count());
        var aged = train.Where(p => p.Age is not null).ToList();
        _ageByTitleClass = aged.GroupBy(p => (Title(p.Name), p.Pclass)).ToDictionary(g => g.Key, g => Stats.Median(g.Select(p => p.Age!.Value)));
        _ageByTitle = aged.GroupBy(p => Title(p.Name)).ToDictionary(g => g.Key, g => Stats.Median(g.Select(p => p.Age!.Value)));
        _age = Stats.Median(aged.Select(p => p.Age!.Value));
        var fared = train.Where(p => p.Fare is not null).ToList();
        _farePerPersonByClass = fared.GroupBy(p => p.Pclass).ToDictionary(g => g.Key, g => Stats.Median(g.Select(p => p.Fare!.Value / TicketGroupSize(p))));
        // Quartiles of the fare per person split the passengers into four bands of about equal size (pandas' qcut).
        var perPerson = fared.Select(p => p.Fare!.Value / TicketGroupSize(p)).OrderBy(v => v).ToList();
        _fareBandEdges = [Stats.Quantile(perPerson, 0.25), Stats.Quantile(perPerson, 0.5), Stats.Quantile(perPerson, 0.75)];
        _port = train.Where(p => p.Embarked is not null).GroupBy(p => p.Embarked!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? "S";
        Imputed =
        [
            new ImputedColumn("Age", train.Count(p => p.Age is null), test.Count(p => p.Age is null), "median age of the passenger's title and class in train.csv"),
            new ImputedColumn("Fare", train.Count(p => p.Fare is null), test.Count(p => p.Fare is null), "median fare per person of the passenger's class in train.csv"),
            new ImputedColumn("Embarked", train.Count(p => p.Embarked is null), test.Count(p => p.Embarked is null), $"most common port in train.csv ({_port})"),
            new ImputedColumn("Cabin", train.Count(p => p.Cabin is null), test.Count(p => p.Cabin is null), "deck 'U' (unknown): a missing cabin is itself informative"),
        ];
    }

    /// <summary>The names of the columns <see cref="Transform"/> returns, in order.</summary>
    public IReadOnlyList<string> Names { get; } = BuildNames();

    /// <summary>Every column with empty values, how many were filled in and how.</summary>
    public IReadOnlyList<ImputedColumn> Imputed { get; }

    /// <summary>Learns the imputation values and fare bands from train.csv, and ticket group sizes from both files.</summary>
    public static TitanicFeatures Fit(IReadOnlyList<Passenger> train, IReadOnlyList<Passenger> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Count == 0)
        {
            throw new ArgumentException("TitanicFeatures.Fit: train.csv has no passengers", nameof(train));
        }
        return new TitanicFeatures(train, test);
    }

    /// <summary>
    /// The title in a name of the form "Surname, Title. Given names" ("Braund, Mr. Owen Harris" → "Mr"),
    /// with Mlle/Ms as Miss, Mme as Mrs, and every other title (Dr, Rev, Col, Countess, ...) as "Rare".
    /// </summary>
    public static string Title(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        int dot = comma < 0 ? -1 : name.IndexOf('.', comma);
        var title = dot < 0 ? "" : name[(comma + 1)..dot].Trim();
        return title switch
        {
            "Mr" or "Mrs" or "Miss" or "Master" => title,
            "Mlle" or "Ms" => "Miss",
            "Mme" => "Mrs",
            _ => "Rare",
        };
    }

    /// <summary>The deck group of a cabin: its first letter (A–G, T for the boat deck) grouped as in <see cref="Decks"/>.</summary>
    /// <exception cref="TitanicDataException">The cabin starts with a letter that is no deck of the Titanic.</exception>
    public static string Deck(Passenger passenger, string fileName)
    {
        ArgumentNullException.ThrowIfNull(passenger);
        if (passenger.Cabin is null)
        {
            return "U";
        }
        return char.ToUpperInvariant(passenger.Cabin[0]) switch
        {
            'A' or 'B' or 'C' or 'T' => "ABC",
            'D' or 'E' => "DE",
            'F' or 'G' => "FG",
            _ => throw new TitanicDataException(fileName, passenger.Line, passenger.PassengerId, "Cabin",
                $"unknown category: '{passenger.Cabin}' does not start with a deck letter A-G or T"),
        };
    }

    /// <summary>How many passengers, in both files, travel on this passenger's ticket.</summary>
    public int TicketGroupSize(Passenger passenger) => _ticketCounts.GetValueOrDefault(passenger.Ticket, 1);

    /// <summary>The age used for a passenger: the given one, or the median of the title and class.</summary>
    public double ImputedAge(Passenger passenger)
    {
        if (passenger.Age is double age)
        {
            return age;
        }
        var title = Title(passenger.Name);
        return _ageByTitleClass.TryGetValue((title, passenger.Pclass), out var a) ? a
            : _ageByTitle.TryGetValue(title, out a) ? a
            : _age;
    }

    /// <summary>The fare divided among the passengers on the ticket (a missing fare: the median of the class).</summary>
    public double FarePerPerson(Passenger passenger) =>
        passenger.Fare is double fare ? fare / TicketGroupSize(passenger)
        : _farePerPersonByClass.TryGetValue(passenger.Pclass, out var f) ? f
        : _farePerPersonByClass.Values.DefaultIfEmpty(0).Average();

    /// <summary>The fare band 0–3 (quartiles of the fare per person in train.csv).</summary>
    public int FareBand(Passenger passenger)
    {
        double f = FarePerPerson(passenger);
        int band = 0;
        while (band < _fareBandEdges.Length && f > _fareBandEdges[band])
        {
            band++;
        }
        return band;
    }

    /// <summary>The feature matrix, one row per passenger, columns as <see cref="Names"/>.</summary>
    /// <param name="passengers">The passengers, from train.csv or test.csv.</param>
    /// <param name="fileName">The file they come from, for messages.</param>
    public double[,] Transform(IReadOnlyList<Passenger> passengers, string fileName)
    {
        ArgumentNullException.ThrowIfNull(passengers);
        var x = new double[passengers.Count, Names.Count];
        for (int i = 0; i < passengers.Count; i++)
        {
            var p = passengers[i];
            int family = p.SibSp + p.Parch + 1;
            var title = Title(p.Name);
            var deck = Deck(p, fileName);
            var port = p.Embarked ?? _port;
            int c = 0;
            x[i, c++] = p.Pclass;
            x[i, c++] = p.Sex == "female" ? 1 : 0;
            x[i, c++] = ImputedAge(p);
            x[i, c++] = p.Age is null ? 1 : 0;
            x[i, c++] = family;
            x[i, c++] = family == 1 ? 1 : 0;
            foreach (var t in Titles)
            {
                x[i, c++] = t == title ? 1 : 0;
            }
            // Fares are heavily skewed (a few tickets cost 500): the log keeps distances meaningful for k-NN and SVM.
            x[i, c++] = Math.Log(1 + FarePerPerson(p));
            x[i, c++] = FareBand(p);
            foreach (var d in Decks)
            {
                x[i, c++] = d == deck ? 1 : 0;
            }
            x[i, c++] = TicketGroupSize(p);
            foreach (var port2 in Ports)
            {
                x[i, c++] = port2 == port ? 1 : 0;
            }
        }
        return x;
    }

    /// <summary>The labels of train.csv's passengers, 0 or 1.</summary>
    public static double[] Labels(IReadOnlyList<Passenger> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.Select(p => (double)(p.Survived ?? throw new ArgumentException(
            $"TitanicFeatures.Labels: PassengerId {p.PassengerId} (line {p.Line}) has no Survived value", nameof(train)))).ToArray();
    }

    private static List<string> BuildNames()
    {
        var names = new List<string> { "Pclass", "IsFemale", "Age", "AgeMissing", "FamilySize", "IsAlone" };
        names.AddRange(Titles.Select(t => "Title_" + t));
        names.Add("LogFarePerPerson");
        names.Add("FareBand");
        names.AddRange(Decks.Select(d => "Deck_" + d));
        names.Add("TicketGroupSize");
        names.AddRange(Ports.Select(p => "Embarked_" + p));
        return names;
    }
}
