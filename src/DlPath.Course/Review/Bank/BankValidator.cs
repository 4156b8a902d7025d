using System.Globalization;
using System.Text;

namespace DlPath.Course.Review.Bank;

/// <summary>
/// Checks the whole bank: size, area weights (math / ML / DL within ±2 points of 40 / 30 / 30), no
/// duplicate questions, a DSA deck present.
/// </summary>
public static class BankValidator
{
    /// <summary>The guide's weights of the three weighted areas.</summary>
    public static IReadOnlyDictionary<Area, double> TargetWeights { get; } =
        new Dictionary<Area, double> { [Area.Math] = 0.40, [Area.Ml] = 0.30, [Area.Dl] = 0.30 };

    /// <summary>Share of each weighted area among math + ML + DL cards.</summary>
    public static IReadOnlyDictionary<Area, double> Weights(QuestionBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        int total = bank.Cards.Count(c => c.Area != Area.Dsa);
        return TargetWeights.Keys.ToDictionary(a => a, a => total == 0 ? 0 : (double)bank.Cards.Count(c => c.Area == a) / total);
    }

    /// <summary>Every problem found (empty when the bank is valid).</summary>
    public static IReadOnlyList<string> Validate(QuestionBank bank, int minimumCards = 400)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var problems = new List<string>();
        if (bank.Cards.Count < minimumCards)
        {
            problems.Add($"the bank has {bank.Cards.Count} cards; at least {minimumCards} are required.");
        }

        foreach (var (area, share) in Weights(bank))
        {
            double target = TargetWeights[area];
            if (Math.Abs(share - target) > 0.02 + 1e-12)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"area {area.ToName()} is {share:P1} of math+ml+dl cards; the guide's weight is {target:P0} (±2 points)."));
            }
        }

        if (!bank.Cards.Any(c => c.Area == Area.Dsa))
        {
            problems.Add("the data-structures-and-algorithms deck is empty.");
        }

        foreach (var group in bank.Cards.Where(c => c.Kind != CardKind.Generated).GroupBy(c => Normalize(c.Question)).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate question in {string.Join(", ", group.Select(c => $"{c.Id} ({c.Source})"))}.");
        }

        foreach (var group in bank.Cards.Where(c => c.Kind == CardKind.Generated).GroupBy(c => c.GeneratorId).Where(g => g.Count() > 1))
        {
            problems.Add($"generator '{group.Key}' is used by more than one card: {string.Join(", ", group.Select(c => c.Id))}.");
        }

        return problems;
    }

    /// <summary>Lower-case letters and digits only, so punctuation or spacing changes do not hide a duplicate.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }
}
