namespace DlPath.Course.Roadmap;

/// <summary>A DlPath lab, project, exercise or review deck that practises a task.</summary>
/// <param name="Kind">Lab, project, exercise or deck.</param>
/// <param name="Id">The item's id in its catalogue (<c>batchnorm</c>, <c>titanic</c>, <c>ml/ex3</c>, <c>dsa</c>).</param>
public sealed record PracticeItem(PracticeKind Kind, string Id)
{
    /// <summary>The command that opens this item, as a learner would type it.</summary>
    public string Command => Kind switch
    {
        PracticeKind.Lab => $"dlpath lab start {Id}",
        PracticeKind.Project => $"dlpath project {Id}",
        PracticeKind.Exercise => $"dlpath lab start {Id}",
        PracticeKind.Deck => $"dlpath quiz --deck {Id}",
        _ => throw new InvalidOperationException($"unknown practice kind {Kind}"),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}
