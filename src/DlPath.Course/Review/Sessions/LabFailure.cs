using DlPath.Course.Review.Bank;

namespace DlPath.Course.Review.Sessions;

/// <summary>
/// A failed lab check: the cards of its topic become due at <paramref name="At"/> (if reviewed before) and
/// its new cards come first. <paramref name="Key"/> is a roadmap task id (<c>phase2/cs231n</c>) or a card
/// topic (<c>batch-normalization</c>).
/// </summary>
public sealed record LabFailure(string Key, DateTimeOffset At)
{
    /// <summary>Whether <paramref name="card"/> belongs to the failed lab's topic.</summary>
    public bool Covers(QuestionCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return string.Equals(card.Topic, Key, StringComparison.OrdinalIgnoreCase)
            || card.Tasks.Contains(Key, StringComparer.OrdinalIgnoreCase);
    }
}
