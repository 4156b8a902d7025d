namespace DlPath.Course.Review.Bank;

/// <summary>One card of the question bank, as written in a bank file.</summary>
/// <param name="Id">Unique id, prefixed by its area (<c>math.la.003</c>).</param>
/// <param name="Area">The interview area.</param>
/// <param name="Topic">Topic within the area (<c>linear-algebra</c>, <c>svm</c>, <c>cnn</c>, ...).</param>
/// <param name="Kind">Recall, multiple choice or generated.</param>
/// <param name="Difficulty">1 (basic) to 3 (hard).</param>
/// <param name="Question">The question (for generated cards, a description of what is generated).</param>
/// <param name="Answer">The answer or explanation (empty for generated cards: the generator supplies it).</param>
/// <param name="Options">Choices of a multiple-choice card, in file order.</param>
/// <param name="CorrectOption">Index of the correct option, for choice cards.</param>
/// <param name="Tasks">Roadmap task ids the card belongs to (<c>phase2/linear-algebra</c>, <c>ml/week3</c>, ...).</param>
/// <param name="GeneratorId">The numeric generator of a generated card.</param>
/// <param name="Source">Where the card was read from (<c>math.cards:42</c>), for error messages.</param>
public sealed record QuestionCard(
    string Id,
    Area Area,
    string Topic,
    CardKind Kind,
    int Difficulty,
    string Question,
    string Answer,
    IReadOnlyList<string> Options,
    int? CorrectOption,
    IReadOnlyList<string> Tasks,
    string? GeneratorId,
    string Source);
