namespace DlPath.Course.Review.Generators;

/// <summary>One instance of a generated numeric card: fresh numbers, the prompt, and its answer key.</summary>
/// <param name="GeneratorId">Which generator made it.</param>
/// <param name="Prompt">The question with its numbers and the expected answer format.</param>
/// <param name="Key">The exact answer and its checker.</param>
/// <param name="Explanation">How the answer is worked out, shown after answering.</param>
public sealed record GeneratedQuestion(string GeneratorId, string Prompt, AnswerKey Key, string Explanation)
{
    /// <summary>The canonical answer text.</summary>
    public string Answer => Key.Format();

    /// <summary>Checks a learner's answer.</summary>
    public bool Check(string? response) => Key.Check(response);
}
