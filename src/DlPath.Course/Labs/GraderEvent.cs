namespace DlPath.Course.Labs;

/// <summary>
/// One line of the grading process's event stream (stdout, each line prefixed by <see cref="Marker"/> so the
/// learner's own <c>Console.WriteLine</c> output cannot be mistaken for it).
/// </summary>
/// <param name="Event"><c>start</c> (a check begins), <c>result</c> (it ended) or <c>fatal</c> (grading cannot go on).</param>
/// <param name="Check">The check id for start and result.</param>
/// <param name="Result">The check's verdict for result.</param>
/// <param name="Message">What went wrong for fatal.</param>
public sealed record GraderEvent(string Event, string? Check = null, CheckResult? Result = null, string? Message = null)
{
    /// <summary>Prefix of every event line.</summary>
    public const string Marker = "@@dlpath-grader ";
}
