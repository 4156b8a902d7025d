using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DlPath.Course.Review.Bank;

/// <summary>The interview question bank: all cards of all areas, loaded from the embedded bank files.</summary>
public sealed class QuestionBank
{
    private const string ResourcePrefix = "DlPath.Course.Review.Bank.";

    private static readonly Lazy<QuestionBank> s_embedded = new(LoadEmbedded);

    private readonly Dictionary<string, QuestionCard> _byId;

    /// <summary>Builds a bank from parsed files.</summary>
    /// <exception cref="FormatException">Two files define the same card id.</exception>
    public QuestionBank(IEnumerable<BankParser.BankFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = files.ToList();
        Cards = [.. list.SelectMany(f => f.Cards)];
        _byId = new Dictionary<string, QuestionCard>(StringComparer.Ordinal);
        foreach (var card in Cards)
        {
            if (!_byId.TryAdd(card.Id, card))
            {
                throw new FormatException($"{card.Source}: card id '{card.Id}' is already defined at {_byId[card.Id].Source}.");
            }
        }

        Versions = list.GroupBy(f => f.Area).ToDictionary(g => g.Key, g => string.Join("+", g.Select(f => f.Version)));
    }

    /// <summary>The bank shipped with DlPath (parsed once).</summary>
    public static QuestionBank Default => s_embedded.Value;

    /// <summary>Every card, in file order.</summary>
    public IReadOnlyList<QuestionCard> Cards { get; }

    /// <summary>The content version of each area's file.</summary>
    public IReadOnlyDictionary<Area, string> Versions { get; }

    /// <summary>Every roadmap task id the cards refer to, sorted.</summary>
    public IReadOnlyList<string> TaskIds => [.. Cards.SelectMany(c => c.Tasks).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The card with this id, or null.</summary>
    public QuestionCard? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The card with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such card.</exception>
    public QuestionCard Get(string id) => Find(id) ?? throw new KeyNotFoundException($"no card '{id}' in the question bank.");

    /// <summary>Cards of one area.</summary>
    public IEnumerable<QuestionCard> InArea(Area area) => Cards.Where(c => c.Area == area);

    /// <summary>Parses bank files given as (file name, text) pairs.</summary>
    public static QuestionBank Parse(IEnumerable<(string FileName, string Text)> files) =>
        new(files.Select(f => BankParser.Parse(f.FileName, f.Text)));

    /// <summary>Shows a card: fresh numbers for a generated card, shuffled options for a choice card.</summary>
    public static PresentedQuestion Present(QuestionCard card, Random random)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(random);
        switch (card.Kind)
        {
            case CardKind.Generated:
                var g = Generators.GeneratorRegistry.Get(card.GeneratorId!).Generate(random);
                return new PresentedQuestion(card, g.Prompt, [], null, g.Answer, g.Explanation, g);
            case CardKind.Choice:
                int[] order = [.. Enumerable.Range(0, card.Options.Count)];
                random.Shuffle(order);
                string[] options = [.. order.Select(i => card.Options[i])];
                int correct = Array.IndexOf(order, card.CorrectOption!.Value);
                return new PresentedQuestion(card, card.Question, options, correct, card.Options[card.CorrectOption.Value], card.Answer, null);
            default:
                return new PresentedQuestion(card, card.Question, [], null, card.Answer, string.Empty, null);
        }
    }

    /// <summary>
    /// The listing of <c>dlpath review deck --json</c>:
    /// <c>{"cards":[{"id", "area", "topic", "kind", "difficulty", "tasks"}, ...]}</c>.
    /// </summary>
    public static string ToDeckJson(IEnumerable<QuestionCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var array = new JsonArray();
        foreach (var c in cards)
        {
            array.Add(new JsonObject
            {
                ["id"] = c.Id,
                ["area"] = c.Area.ToName(),
                ["topic"] = c.Topic,
                ["kind"] = c.Kind.ToName(),
                ["difficulty"] = c.Difficulty,
                ["tasks"] = new JsonArray([.. c.Tasks.Select(t => (JsonNode?)JsonValue.Create(t))]),
            });
        }

        return new JsonObject { ["cards"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static QuestionBank LoadEmbedded()
    {
        var assembly = typeof(QuestionBank).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".cards", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException("the question bank is missing from DlPath.Course (no embedded *.cards resources).");
        }

        return Parse(names.Select(n => (n[ResourcePrefix.Length..], Read(assembly, n))));
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
