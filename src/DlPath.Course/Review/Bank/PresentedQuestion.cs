using System.Globalization;
using DlPath.Course.Review.Generators;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Bank;

/// <summary>
/// A card as shown in a session: generated cards carry fresh numbers, choice cards a shuffled option order.
/// </summary>
/// <param name="Card">The bank card.</param>
/// <param name="Prompt">What to show.</param>
/// <param name="Options">Options in display order (empty unless a choice card).</param>
/// <param name="CorrectIndex">Index of the correct option in <paramref name="Options"/>.</param>
/// <param name="Answer">The answer to reveal.</param>
/// <param name="Explanation">Worked explanation, when there is one.</param>
/// <param name="Generated">The generated instance, for generated cards.</param>
public sealed record PresentedQuestion(
    QuestionCard Card,
    string Prompt,
    IReadOnlyList<string> Options,
    int? CorrectIndex,
    string Answer,
    string Explanation,
    GeneratedQuestion? Generated)
{
    /// <summary>
    /// Checks a typed answer: a number (1-based) or letter (a, b, ...) for choice cards, numbers for
    /// generated cards. Null for recall cards, which the learner grades.
    /// </summary>
    public bool? Check(string? response)
    {
        switch (Card.Kind)
        {
            case CardKind.Generated:
                return Generated!.Check(response);
            case CardKind.Choice:
                string r = (response ?? string.Empty).Trim().ToLowerInvariant();
                int index = r.Length == 1 && r[0] is >= 'a' and <= 'z' ? r[0] - 'a'
                    : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n - 1 : -1;
                return index == CorrectIndex;
            default:
                return null;
        }
    }

    /// <summary>The rating an auto-checked answer implies: Good when right, Again when wrong.</summary>
    public static Rating RatingFor(bool correct) => correct ? Rating.Good : Rating.Again;
}
